/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

  private final Redactor redactor = new Redactor(List.of());

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "jdbc:postgresql://admin:S3cr3t@db.internal:5432/app?password=S3cr3t|jdbc:postgresql://***@db.internal:5432/app?password=***",
      "https://user@example.com/path|https://***@example.com/path",
      "amqp://guest:p@ss@mq:5672/vhost|amqp://***@mq:5672/vhost",
      "password=hunter2 passwd=a pwd=b|password=*** passwd=*** pwd=***",
      "PASSWORD=hunter2 Secret: abc|PASSWORD=*** Secret: ***",
      "token=t1&apikey=k1&api_key=k2&x=1|token=***&apikey=***&api_key=***&x=1",
      "db.password = 'quoted value' next|db.password = '***' next",
      "{\"client_secret\":\"abc def\",\"name\":\"db\"}|{\"client_secret\":\"***\",\"name\":\"db\"}",
      "X-Auth-Token: abc123|X-Auth-Token: ***",
      "Authorization: Basic dXNlcjpwYXNz|Authorization: ***",
      "sent authorization=Bearer abc.def|sent authorization=*** ***",
      "header was Bearer abc.def-ghi_jkl|header was Bearer ***",
      "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln here|jwt *** here",
      "connection refused: db.internal:5432 after 800 ms|connection refused: db.internal:5432 after 800 ms",
      "cut off password=\"S3cr3t|cut off password=\"***\"",
      "a=password=S3cr3t b=1|a=password=*** b=1",
      "JDBC:POSTGRESQL://ADMIN:S3cr3t@DB/APP|JDBC:POSTGRESQL://***@DB/APP",
  })
  void masksSecretsAndLeavesTheRest(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // A key word, a linking verb, then a bare word: any word that is not ordinary English.
      "password is hunter2|password is ***",
      "the password was swordfish|the password was ***",
      "Password Is Hunter2 here|Password Is *** here",
      "the passwords were hunter2|the passwords were ***",
      "token is abc|token is ***",
      "secret was xyz|secret was ***",
      "api key is abc|api key is ***",
      "credentials are admin|credentials are ***",
      "db.password is hunter2|db.password is ***",
      "clientSecret was cs8dk3|clientSecret was ***",
      "password is: hunter2|password is: ***",
      "the password was hunter2.|the password was ***",
      "the password was secret|the password was ***",
      "private key is k3y|private key is ***",
      "Bearer token is abc123|Bearer token is ***",
      // A quoted value, whatever it holds.
      "password is 'two words' here|password is '***' here",
      "password was \"for\"|password was \"***\"",
      // Only spaces between: SQL, a command line, and a bare word that is not ordinary English.
      "ALTER ROLE app WITH PASSWORD 'P'|ALTER ROLE app WITH PASSWORD '***'",
      "ALTER ROLE app WITH ENCRYPTED PASSWORD \"P\" VALID UNTIL '2027-01-01'|ALTER ROLE app WITH ENCRYPTED PASSWORD \"***\" VALID UNTIL '2027-01-01'",
      "CREATE USER u PASSWORD \"x\"|CREATE USER u PASSWORD \"***\"",
      "CREATE USER u IDENTIFIED BY 'x'|CREATE USER u IDENTIFIED BY '***'",
      "ALTER USER scott IDENTIFIED BY tiger|ALTER USER scott IDENTIFIED BY ***",
      "CREATE USER 'app'@'%' IDENTIFIED WITH mysql_native_password BY 'myPw'|CREATE USER 'app'@'%' IDENTIFIED WITH mysql_native_password BY '***'",
      "password hunter2 rejected|password *** rejected",
      "docker login -u app --password hunter2 registry.internal|docker login -u app --password *** registry.internal",
      // Control and separator characters read as the spaces they stand for, and never leave.
      "password\tis\thunter2|password is ***",
      "the password was\u0085hunter2\u001b[0m|the password was *** [0m",
  })
  void masksASecretGivenInASentence(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "FATAL: password authentication failed for user app",
      "password authentication failed for user \"app\"",
      "the password is incorrect",
      "password was incorrect",
      "password expired",
      "the password has expired",
      "password must be changed",
      "password is null",
      "the password is not set",
      "password is required",
      "no password supplied",
      "password too short",
      "password does not match",
      "Keystore was tampered with, or password was incorrect",
      "token is invalid",
      "the token has expired",
      "invalid token",
      "secret not found",
      "api key is missing",
      "the key was rotated",
      "private key is missing",
      "the credentials are invalid",
      "NOAUTH Authentication required.",
      "authorization header is missing",
      "ERROR: duplicate key value violates unique constraint users_pkey",
      "The AWS Access Key Id you provided does not exist",
  })
  void leavesASentenceThatGivesNoValue(String text) {
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void costIsLinearInTheText() {
    // A regex that backtracks over long words would take seconds here; this takes milliseconds.
    String words = ("averyveryverylongidentifierwithoutanysecretinside.and-more_of-it ").repeat(30);
    assertThat(redactor.redact(words)).isEqualTo(words);
    assertThat(timeOf100(words)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void costIsLinearForTextShapedLikeTokenHeaders() {
    // The header rule's key part once rescanned the whole text from every "x-": cubic.
    assertThat(timeOf100("x-key-".repeat(342))).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void costIsLinearForTextShapedLikeSentences() {
    // Every word a key word, or a key word and its verb: each is read once, from its start.
    String keyWords = "password token secret key ".repeat(70);
    String sentences = "the password is incorrect and the token was ".repeat(45);
    assertThat(redactor.redact(keyWords)).isEqualTo(keyWords);
    assertThat(timeOf100(keyWords).plus(timeOf100(sentences))).isLessThan(Duration.ofSeconds(2));
  }

  /**
   * Returns the CPU time 100 redactions of {@code text} cost this thread, once the redactor's
   * code is compiled: what is measured is the cost in the text's length (a backtracking or
   * rescanning rule takes seconds per call here), not the first calls of a cold JVM, which alone
   * took 1.5 s of the 2 on a loaded 2-core machine, nor the time other processes had the CPU
   * (wall time was 5.1 s with two CPU-bound loops and other builds beside the suite).
   */
  private Duration timeOf100(String text) {
    String sample = text.substring(0, Math.min(text.length(), 120));
    for (int i = 0; i < 2_000; i++) {
      redactor.redact(sample);
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    assertThat(cpu.isCurrentThreadCpuTimeSupported()).as("thread CPU time on this JVM").isTrue();
    long started = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < 100; i++) {
      redactor.redact(text);
    }
    return Duration.ofNanos(cpu.getCurrentThreadCpuTime() - started);
  }

  @Test
  void masksWhatUserPatternsMatch() {
    Redactor custom = new Redactor(List.of(Pattern.compile("(?<=customer=)\\d+")));
    assertThat(custom.redact("customer=12345 password=x")).isEqualTo("customer=*** password=***");
  }

  @Test
  void summaryIsClassNameAndFirstRedactedLineCapped() {
    Exception failure = new IllegalStateException(
        "cannot reach jdbc:postgresql://admin:S3cr3t@db/app\n\tat some.Frame(Frame.java:1)");
    assertThat(redactor.summary(failure))
        .isEqualTo("IllegalStateException: cannot reach jdbc:postgresql://***@db/app");
    assertThat(redactor.summary(new RuntimeException())).isEqualTo("RuntimeException");
    String longer = redactor.summary(new RuntimeException("x".repeat(5_000) + " password=S3cr3t"));
    assertThat(longer).hasSize(Redactor.MAX_SUMMARY).endsWith("...").doesNotContain("S3cr3t");
  }

  @Test
  void summaryRedactsBeforeItCuts() {
    // Cut first, the URL would lose its '@' and its password would escape the URL rule.
    String url = "postgresql://admin:S3cr3t@db/app";
    String message = "x".repeat(Redactor.MAX_SUMMARY - 40) + " " + url;
    assertThat(redactor.summary(new RuntimeException(message))).doesNotContain("S3cr3t");
  }

  @Test
  void detailsMaskSecretKeysAndRedactValues() {
    Map<String, Object> shown = redactor.details(Map.of(
        "accessToken", "S3cr3t", "dbPassword", 42, "apiKey", "S3cr3t", "credentials", List.of("S3cr3t"),
        "url", "https://svc:S3cr3t@vault/v1", "attempts", 3, "healthy", true, "note", "line1\nline2"));
    assertThat(shown).containsExactlyInAnyOrderEntriesOf(Map.of(
        "accessToken", "***", "dbPassword", "***", "apiKey", "***", "credentials", "***",
        "url", "https://***@vault/v1", "attempts", 3, "healthy", true, "note", "line1 line2"));
  }
}
