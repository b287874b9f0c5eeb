/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Secrets as drivers, SDKs, servers and tools put them in exception messages and in details,
 * thrown and returned by checks built on the public API, then read as every caller would: under
 * each detail policy, in every body format, and in the log. No secret survives anywhere; the
 * context an operator needs (exception class, host and port, SQLState) does, where details are
 * shown.
 */
class SecretCorpusTest {

  private static final String TOKEN_HEADER = "X-Probe-Token";
  private static final String TOKEN = "probe-details-token-0123456789";
  private static final List<String> ACCEPTS =
      List.of("text/plain", "application/json", "application/health+json");

  /** One exception message: its secrets, and what must still be readable. */
  record Form(String family, String message, List<String> secrets, List<String> kept) {}

  private static Form form(String family, String message, String secret, String... kept) {
    return new Form(family, message, List.of(secret), List.of(kept));
  }

  static final List<Form> MESSAGES = List.of(
      // URL user-info, of any scheme, with '/', '#', '?', '@' or '%' in the password.
      form("url", "FATAL: connecting to jdbc:postgresql://admin:S3cr3t/x@db.internal:5432/app", "S3cr3t/x", "db.internal:5432"),
      form("url", "mongodb+srv://app:pa#ss?word@cluster0.example.net/db timed out", "pa#ss?word", "cluster0.example.net"),
      form("url", "redis://:r3d1sPass@cache.internal:6379/0 refused", "r3d1sPass", "cache.internal:6379"),
      form("url", "amqp://guest:gu@st!@mq.internal:5672/vhost closed", "gu@st!", "mq.internal:5672"),
      form("url", "fetch https://deploy:ghs_Q1w2E3r4@git.example.com/org/repo.git failed", "ghs_Q1w2E3r4", "git.example.com"),
      form("url", "ftp://user:ftpP4ss@files.example.com/in unreachable", "ftpP4ss", "files.example.com"),
      form("url", "jdbc:mysql://root:my%40sql@10.0.0.5:3306/shop: Access denied", "my%40sql", "10.0.0.5:3306"),
      form("url", "Connection to ldap://cn=admin:LdapS3cret@ldap.internal:389 refused", "LdapS3cret", "ldap.internal:389"),
      form("url", "bootstrap sasl_ssl://svc:K4fkaPw@broker-1:9093 disconnected", "K4fkaPw", "broker-1:9093"),
      form("url", "smtp://mailer:M4il+Pw@smtp.example.com:587 auth failed", "M4il+Pw", "smtp.example.com:587"),
      // user/password@host.
      form("slash", "jdbc:oracle:thin:scott/T1ger99@//ora.internal:1521/ORCLPDB1 refused", "T1ger99", "ora.internal:1521"),
      form("slash", "sqlplus system/Oracle_123@orcl: ORA-12541", "Oracle_123", "ORA-12541"),
      form("slash", "ORA-01017: invalid username/password; logon denied (app/Wr0ngPw@db1)", "Wr0ngPw", "ORA-01017"),
      // Pairs, to the real end of the value.
      form("pair", "password=hunter2,retry=3", "hunter2", "retry=3"),
      form("pair", "login with password=p@ss,w0rd;x failed", "p@ss,w0rd;x", "failed"),
      form("pair", "passphrase=correct-horse-battery rejected", "correct-horse-battery", "rejected"),
      form("pair", "pass=Pa55&user=bob", "Pa55", "user=bob"),
      form("pair", "pw=Xy!9q for bob", "Xy!9q", "for bob"),
      form("pair", "POST /token client_secret=cs_8dk3&grant_type=client_credentials", "cs_8dk3", "grant_type"),
      form("pair", "db.password : Sp4c3d is wrong", "Sp4c3d", "is wrong"),
      form("pair", "spring.datasource.password=ds\"quote rejected", "ds\"quote", "rejected"),
      form("pair", "apiKey=AbC123xYz revoked", "AbC123xYz", "revoked"),
      form("pair", "access_token=ya29.a0AfH6SMB expired", "ya29.a0AfH6SMB", "expired"),
      form("pair", "sessionId=8f14e45fceea167a unknown", "8f14e45fceea167a", "unknown"),
      form("pair", "PGPASSWORD=pgS3cret psql -h db.internal -p 5432", "pgS3cret", "db.internal"),
      form("pair", "auth=tok_live_5f6g denied", "tok_live_5f6g", "denied"),
      form("pair", "cert=MIIBkTCB+wIJAK invalid", "MIIBkTCB+wIJAK", "invalid"),
      form("pair", "Server=sql.internal;Database=app;User Id=sa;Password=Dotn3t!Pw;", "Dotn3t!Pw", "sql.internal"),
      form("pair", "jdbc:sqlserver://sql.internal:1433;databaseName=app;user=sa;password=Sq1Pw{x}", "Sq1Pw{x}", "sql.internal:1433"),
      form("pair", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=SbK3y+AbCdEf123=", "SbK3y+AbCdEf123=", "ns.servicebus.windows.net"),
      form("pair", "token: t0k-3n-v4lue in header", "t0k-3n-v4lue", "in header"),
      // Quoted and structured.
      form("json", "{\"password\":\"pa\\\"ss,w}rd\",\"host\":\"db.internal\"}", "w}rd", "db.internal"),
      form("json", "{\"user\":\"app\",\"credentials\":{\"secret\":\"n3st3d\"}}", "n3st3d", "credentials"),
      form("json", "{ \"api_key\" : \"k-123-abc\" , \"region\" : \"eu-west-1\" }", "k-123-abc", "eu-west-1"),
      form("json", "{\"password\": 12345678, \"port\": 5432}", "12345678", "5432"),
      form("python", "{'password': 'py-S3cret', 'port': 5432}", "py-S3cret", "5432"),
      form("yaml", "password: yaml:pw at line 3", "yaml:pw", "line 3"),
      form("xml", "<password>xmlS3cret</password><host>db.internal</host>", "xmlS3cret", "db.internal"),
      form("xml", "<datasource password=\"attrS3cret\" url=\"jdbc:h2:mem\"/>", "attrS3cret", "jdbc:h2:mem"),
      form("ruby", ":password => \"rubyS3cret\", :host => \"db\"", "rubyS3cret", ":host"),
      form("properties", "db.password = 'single quoted' at db.properties", "single quoted", "db.properties"),
      form("env", "export AWS_SECRET_ACCESS_KEY=\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"", "wJalrXUtnFEMI", "export"),
      // Headers and credentials schemes.
      form("header", "Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA==", "Authorization"),
      form("header", "401 for Authorization: Bearer abc.def.ghi", "abc.def.ghi", "401"),
      form("header", "Proxy-Authorization: Digest username=\"u\", response=\"6629fae49393a05397450978507c4ef1\"", "6629fae49393a05397450978507c4ef1", "Proxy-Authorization"),
      form("header", "Cookie: JSESSIONID=1A2B3C4D5E; remember=me", "1A2B3C4D5E", "Cookie"),
      form("header", "Set-Cookie: session=s%3Aabc123.def; Path=/; HttpOnly", "s%3Aabc123.def", "Set-Cookie"),
      form("header", "X-Api-Key: k_9f8e7d6c", "k_9f8e7d6c", "X-Api-Key"),
      form("header", "X-Vault-Token: hvs.CAESIJ3x", "hvs.CAESIJ3x", "X-Vault-Token"),
      form("header", "x-amz-security-token: IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH", "IQoJb3JpZ2luX2VjEJr", "x-amz-security-token"),
      form("scheme", "sent bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig-part upstream", "eyJzdWIiOiIxMjM0In0", "upstream"),
      form("scheme", "token in header was Basic YWRtaW46YWRtaW4=", "YWRtaW46YWRtaW4=", "header"),
      form("curl", "curl -u admin:CurlPw1 https://api.internal/health exited 22", "CurlPw1", "api.internal"),
      form("curl", "curl --user deploy:dep!oy https://ci.internal failed", "dep!oy", "ci.internal"),
      // Cloud keys and signatures.
      form("aws", "The AWS Access Key Id you provided does not exist: AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE", "AWS Access Key Id"),
      new Form("aws", "aws_access_key_id=AKIAI44QH8DHBEXAMPLE aws_secret_access_key=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
          List.of("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF"), List.of("aws_access_key_id")),
      new Form("aws", "GET https://bucket.s3.amazonaws.com/obj?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261202&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024 403",
          List.of("AKIAEXAMPLE%2F20261202", "fe5f80f77d5fa3beca038a248ff027d0445342fe"), List.of("bucket.s3.amazonaws.com")),
      form("aws", "ASIAY34FZKBOKMUTVV7A is not valid", "ASIAY34FZKBOKMUTVV7A", "is not valid"),
      form("azure", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net",
          "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq", "AccountName=acct"),
      form("azure", "403 https://acct.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&sig=r4nd0mSig%2Bvalue%3D&se=2026-12-31", "r4nd0mSig%2Bvalue%3D", "acct.blob.core.windows.net"),
      form("gcp", "API key AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe rejected", "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe", "rejected"),
      new Form("gcp", "{\"type\":\"service_account\",\"private_key_id\":\"1a2b3c4d\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n\"}",
          List.of("1a2b3c4d", "MIIEvQIBADANBg"), List.of("service_account")),
      form("github", "token ghp_16C7e42F292c6912E7710c838347Ae178B4a was rejected", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "was rejected"),
      form("slack", "invalid_auth for xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "xoxb-123456789012", "invalid_auth"),
      form("stripe", "No such key sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "No such key"),
      // Found by a second reader: attributes, spaced keys, odd separators, glued flags, bare DSNs.
      form("xml", "<wsse:Password Type=\"PasswordText\">wsseS3cret</wsse:Password> rejected", "wsseS3cret", "wsse:Password"),
      form("json", "{\"db password\": \"sp4ced\", \"port\": 5432}", "sp4ced", "5432"),
      form("pair", "password=\u001Fctl1Secret rejected", "ctl1Secret", "rejected"),
      form("pair", "password=\u3000wideSecret rejected", "wideSecret", "rejected"),
      form("pair", "secret: \u2028lineSepSecret rejected", "lineSepSecret", "rejected"),
      form("pair", "password: \"\"emptyQuoteSecret rejected", "emptyQuoteSecret", "rejected"),
      form("flag", "mysql -uroot -pMysqlFlagPw -h db.internal failed", "MysqlFlagPw", "db.internal"),
      form("dsn", "dial app:GoDsnPw@tcp(db.internal:3306)/shop refused", "GoDsnPw", "db.internal:3306"),
      // Given in a sentence or a SQL statement (issue 26, item 7): the word after a key word, or
      // after its linking verb, unless ordinary English; a quoted value always.
      form("prose", "login as app: password is hunter2", "hunter2", "login as app: password is"),
      form("prose", "the password was Swordfish, retrying", "Swordfish", "the password was", "retrying"),
      form("prose", "token is t0kProse for the api", "t0kProse", "token is", "for the api"),
      form("prose", "vault: secret was xyzzyProse", "xyzzyProse", "vault: secret was"),
      form("prose", "the api key is apiProse1 (revoked)", "apiProse1", "api key is", "(revoked)"),
      form("prose", "PASSWORD WAS 'Quoted Pw' at login", "Quoted Pw", "PASSWORD WAS", "at login"),
      form("prose", "password\u0085is ctlProsePw rejected", "ctlProsePw", "rejected"),
      form("prose", "FATAL: password authentication failed for user app; the password was Pr0sePw",
          "Pr0sePw", "password authentication failed for user app"),
      form("prose", "the token has expired, the password is incorrect, the new password is Pr0sePw2",
          "Pr0sePw2", "the token has expired, the password is incorrect, the new password is"),
      form("sql", "ALTER ROLE app WITH PASSWORD 'PgRolePw' failed", "PgRolePw", "ALTER ROLE app WITH PASSWORD", "failed"),
      form("sql", "CREATE USER u PASSWORD \"DqUserPw\" failed", "DqUserPw", "CREATE USER u PASSWORD", "failed"),
      form("sql", "ORA-01920 at CREATE USER scott IDENTIFIED BY tiger99", "tiger99", "ORA-01920", "IDENTIFIED BY"),
      form("sql", "CREATE USER 'app'@'%' IDENTIFIED WITH mysql_native_password BY 'MyNativePw'", "MyNativePw",
          "IDENTIFIED WITH mysql_native_password BY"),
      // PEM, closed or cut off.
      form("pem", "loading key: -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA75\n-----END RSA PRIVATE KEY-----", "MIIEpAIBAAKCAQEA75", "loading key"),
      form("pem", "bad key: -----BEGIN EC PRIVATE KEY----- MHcCAQEEIBkg", "MHcCAQEEIBkg", "bad key"),
      form("pem", "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA -----END OPENSSH PRIVATE KEY----- in id_ed25519", "b3BlbnNzaC1rZXktdjEAAAAA", "id_ed25519"),
      // Random-looking tokens with no key to name them.
      form("entropy", "invalid api token 3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c", "3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c", "invalid api"),
      form("entropy", "permission denied for s.Xk9f2LmQ8vN3pR7tW1yZ", "Xk9f2LmQ8vN3pR7tW1yZ", "permission denied"),
      form("entropy", "npm ERR! 401 for npm_AbCdEf0123456789GhIjKlMnOp", "AbCdEf0123456789GhIjKlMnOp", "npm ERR! 401"),
      form("entropy", "twilio: 20003 authenticate SK2f1e3d4c5b6a79880716253443526170", "SK2f1e3d4c5b6a79880716253443526170", "twilio: 20003"),
      form("entropy", "sendgrid rejected 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", "TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr", "sendgrid rejected"));

  /** Details as checks return them: secrets under secret keys, and inside ordinary values. */
  static final Map<String, Object> DETAILS = details();
  static final List<String> DETAIL_SECRETS = List.of("dPass1", "dPw2", "dAuth3", "dCert4", "dCookie5",
      "dSig6", "dApiKey7", "dClient8", "dDbPw9", "dXKey10", "MIIEvQdetail", "nestedPw11", "DetailUrlPw",
      "dBearer12", "AKIAJ7Q3EXAMPLEKEY99");
  static final List<String> DETAIL_KEPT = List.of("pool", "active", "h.internal", "jdbc:h2:mem:app");

  private static Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("pass", "dPass1");
    details.put("pw", "dPw2");
    details.put("auth", "dAuth3");
    details.put("cert", "dCert4");
    details.put("cookie", "dCookie5");
    details.put("sig", "dSig6");
    details.put("apiKey", "dApiKey7");
    details.put("clientSecret", "dClient8");
    details.put("db.password", "dDbPw9");
    details.put("x-api-key", "dXKey10");
    details.put("privateKey", "-----BEGIN PRIVATE KEY-----\nMIIEvQdetail\n-----END PRIVATE KEY-----");
    details.put("datasource", Map.of("password", "nestedPw11", "url", "jdbc:h2:mem:app"));
    details.put("url", "postgres://u:DetailUrlPw@h.internal/db");
    details.put("lastError", "Authorization: Bearer dBearer12");
    details.put("note", "rotated AKIAJ7Q3EXAMPLEKEY99 today");
    details.put("pool", "active");
    return details;
  }

  private static Probes probes(ShowDetails policy) {
    Probes.Builder builder = Probes.builder().showDetails(policy).deadlockCheck(false).warmUp(Duration.ZERO)
        .detailsAuthorizer(DetailsAuthorizer.headerToken(TOKEN_HEADER, TOKEN))
        .check(Check.builder("details", ctx -> CheckResult.down(DETAILS)).build());
    for (int i = 0; i < MESSAGES.size(); i++) {
      String message = MESSAGES.get(i).message();
      // SQLState as JDBC drivers give it: context to keep.
      builder.check(Check.builder(name(i), ctx -> {
        throw new SQLException("[SQLState 28P01] " + message, "28P01");
      }).build());
    }
    return builder.build();
  }

  private static String name(int form) {
    return String.format("m%02d", form);
  }

  @Test
  void theCorpusCoversEightyFormsAcrossTheFamilies() {
    long secrets = MESSAGES.stream().mapToLong(form -> form.secrets().size()).sum()
        + DETAIL_SECRETS.size();
    assertThat(MESSAGES.size() + DETAIL_SECRETS.size()).isGreaterThanOrEqualTo(80);
    assertThat(secrets).isGreaterThanOrEqualTo(80);
    assertThat(MESSAGES.stream().map(Form::family).distinct()).hasSizeGreaterThanOrEqualTo(15);
  }

  @ParameterizedTest
  @EnumSource(ShowDetails.class)
  void noSecretSurvivesInAnyBodyOrLogLineAndTheContextDoesWhereDetailsAreShown(ShowDetails policy)
      throws Exception {
    try (LogCapture logs = LogCapture.start(); TestServer server = TestServer.start(probes(policy))) {
      for (String token : new String[] {null, TOKEN}) {
        boolean shown = policy == ShowDetails.ALWAYS
            || (policy == ShowDetails.WHEN_AUTHORIZED && TOKEN.equals(token));
        for (String accept : ACCEPTS) {
          String what = policy + (token == null ? ", anonymous, " : ", authorized, ") + accept;
          for (int i = 0; i < MESSAGES.size(); i++) {
            Form form = MESSAGES.get(i);
            String body = get(server, "/readyz/" + name(i) + "?verbose", accept, token).body();
            for (String secret : form.secrets()) {
              assertThat(body).as("%s, %s form %s: %s", what, form.family(), name(i), form.message())
                  .doesNotContain(secret);
            }
            if (shown) {
              assertThat(body).as("%s, %s form %s", what, form.family(), name(i))
                  .contains("SQLException").contains(form.kept());
            } else {
              assertThat(body).as(what).doesNotContain("SQLException");
            }
          }
          String details = get(server, "/readyz/details?verbose", accept, token).body();
          assertThat(details).as(what).doesNotContain(DETAIL_SECRETS);
          if (shown) {
            assertThat(details).as(what).contains(DETAIL_KEPT);
          }
        }
      }
      List<String> lines = logs.lines();
      List<String> secrets = new ArrayList<>(DETAIL_SECRETS);
      MESSAGES.forEach(form -> secrets.addAll(form.secrets()));
      for (String secret : secrets) {
        assertThat(lines).as("log lines holding %s", secret).noneMatch(line -> line.contains(secret));
      }
      for (int i = 0; i < MESSAGES.size(); i++) {
        String prefix = "WARN dev.isoprobe.checks - check '" + name(i) + "' failed: SQLException: ";
        Form form = MESSAGES.get(i);
        assertThat(lines).as("the failure of %s, logged redacted with its context", name(i))
            .anyMatch(line -> line.startsWith(prefix) && form.kept().stream().allMatch(line::contains)
                && line.contains("SQLState 28P01"));
      }
    }
  }

  @Test
  void controlAndLineSeparatorCharactersNeverReachABodyOrALogLine() throws Exception {
    String forged = "down\nWARN dev.isoprobe.checks - check 'db' is up\u001b[31m\u0007\u0000\u0085x\u2028y\u2029z\r";
    Probes probes = Probes.builder().showDetails(ShowDetails.ALWAYS).deadlockCheck(false).warmUp(Duration.ZERO)
        .check(Check.builder("db", ctx -> {
          throw new IllegalStateException(forged.substring(5)); // the message without "down\n"
        }).build())
        .check(Check.builder("state", ctx -> CheckResult.down(Map.of("state", forged))).build())
        .build();
    try (LogCapture logs = LogCapture.start(); TestServer server = TestServer.start(probes)) {
      for (String accept : ACCEPTS) {
        String body = get(server, "/readyz?verbose", accept, null).body();
        assertThat(body).as(accept).doesNotContain("\u001b", "\u0007", "\u0000", "\u0085", "\u2028",
            "\u2029", "\r").doesNotContainPattern("\n[^\\[r]"); // text lines start [+], [-] or readyz
      }
      assertThat(logs.lines()).filteredOn(line -> line.contains("'db' failed"))
          .singleElement().asString().doesNotContain("\n", "\u001b", "\u0007", "\u0000", "\u0085",
              "\u2028", "\u2029", "\r");
    }
  }

  private static HttpResponse<String> get(TestServer server, String path, String accept,
      String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Accept", accept)
        .timeout(Duration.ofSeconds(5));
    if (token != null) {
      request.header(TOKEN_HEADER, token);
    }
    return server.send(request.build());
  }
}
