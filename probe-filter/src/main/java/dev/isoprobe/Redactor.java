/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves the process: response bodies and log lines. It fails safe:
 * rather than knowing each driver's message format, it masks whatever can carry a credential
 * whatever the syntax around it, and prefers masking some context to showing a secret:
 * <ul>
 *   <li>PEM blocks, URL user-info of any scheme, {@code user/password@host} (Oracle),
 *       {@code curl -u user:password};
 *   <li>the whole value of {@code Authorization}, {@code Cookie} and token headers, and bearer,
 *       basic and digest credentials;
 *   <li>the value after every key that names a secret ({@link #isSecretKey}), in
 *       {@code k=v}, {@code k: v}, {@code "k":"v"}, {@code 'k': 'v'}, {@code k => v} and
 *       {@code <k>v</k>}, to the real end of the value: its closing quote, or the next
 *       whitespace or key;
 *   <li>the value given in a sentence, a SQL statement or a command line: the word or quoted
 *       string after a key word that names a secret, or after its linking verb
 *       ({@code the password was x}, {@code PASSWORD 'x'}, {@code IDENTIFIED BY x},
 *       {@code --password x}), unless that word is ordinary English
 *       ({@code password authentication failed});
 *   <li>tokens shaped like keys (AWS, GitHub, Slack, Google, JWT) and any long run of
 *       base64 or hex that mixes letters and digits and has the entropy of a random string;
 *   <li>and control and line-separator characters, stripped so that a message can neither
 *       forge a log line nor send a terminal escape.
 * </ul>
 * Users add patterns of their own. Thread-safe.
 */
final class Redactor {

  static final String MASK = "***";
  /** The longest error summary shown: one line an operator can read, not a dump. */
  static final int MAX_SUMMARY = 200;
  /** The longest text scanned for secrets, so a huge exception message costs little. */
  private static final int MAX_SCANNED = 2_048;

  /** Key words that name a secret however they are joined: {@code db.password}, {@code apiKey}. */
  private static final Set<String> SECRET_WORDS = Set.of("pass", "pwd", "pw", "key", "keys",
      "auth", "cert", "certs", "certificate", "sig", "sas", "jwt", "bearer", "session", "otp",
      "pin", "salt", "cookie", "cookies", "private", "credential", "credentials", "creds");
  /** Parts that make a key word secret wherever they appear in it: {@code clientsecret}. */
  private static final List<String> SECRET_PARTS = List.of("password", "passwd", "passphrase",
      "secret", "token", "credential", "signature", "apikey", "accesskey", "accountkey",
      "privatekey", "sessionid", "cookie");

  /**
   * Secret words whose ordinary sense in a sentence names no secret: a private network, a
   * session pool, a certificate (public), checks that pass.
   */
  private static final Set<String> NOT_SECRET_IN_PROSE =
      Set.of("private", "session", "cert", "certs", "certificate", "pass");
  /**
   * Words that go on a sentence after a key word rather than give its value: {@code password
   * authentication failed}, {@code the password is incorrect}, {@code token has expired},
   * {@code password is null}. A password that is one of them is shown; any other word after a
   * key word is masked.
   */
  private static final Set<String> SENTENCE_WORDS = Set.of(
      // Articles, pronouns, prepositions and conjunctions.
      "a", "an", "the", "this", "that", "it", "its", "you", "your", "we", "our", "they", "their",
      "i", "my", "which", "who", "for", "of", "to", "from", "in", "on", "at", "by", "with",
      "without", "within", "into", "as", "via", "per", "and", "or", "but", "if", "when", "while",
      "than", "then", "because", "after", "before", "until", "since",
      // Verbs that carry the sentence on, and negation.
      "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
      "must", "should", "shall", "may", "might", "can", "cannot", "could", "will", "would", "need",
      "needs", "not", "no", "never", "none", "too", "also", "only", "still", "already", "now",
      "yet", "again",
      // What a message says of a credential, or of the check that judged it.
      "authentication", "authorization", "verification", "validation", "check", "failed",
      "failure", "error", "incorrect", "correct", "invalid", "valid", "wrong", "expired",
      "expires", "expiry", "expiration", "missing", "required", "empty", "blank", "null", "unset",
      "set", "unknown", "mismatch", "match", "matches", "matched", "rejected", "denied",
      "accepted", "changed", "change", "reset", "rotated", "rotation", "revoked", "locked",
      "disabled", "enabled", "supplied", "provided", "given", "specified", "configured", "found",
      "used", "included", "malformed", "short", "long", "weak", "length", "size", "policy",
      // Nouns that name a part or a keeper of the secret, not its value: key id, token endpoint.
      "id", "name", "value", "type", "format", "file", "path", "store", "header", "endpoint",
      "server", "service", "provider", "manager", "request", "response", "field", "prompt",
      "pair", "refresh");

  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN [A-Z0-9 ]+-----.*?(?:-----END [A-Z0-9 ]+-----|$)", Pattern.DOTALL);
  /** scheme://user:secret@host: the user-info runs to the last '@' before whitespace. */
  private static final Pattern USER_INFO = Pattern.compile(
      "(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*+://)[^\\s/@]*+(?:[^\\s@]*+@)++", Pattern.CASE_INSENSITIVE);
  /** scott/tiger@host, as Oracle's thin URLs and SQL*Plus give credentials. */
  private static final Pattern SLASH_CREDENTIALS = Pattern.compile(
      "(?<![\\w.$/-])([A-Za-z_][\\w.$-]*+)/[^\\s/@]++@(?=[\\w/\\[])");
  private static final Pattern CURL_USER = Pattern.compile("((?:^|\\s)(?:-u|--user)\\s++[^\\s:]++:)\\S++");
  /** mysql -phunter2: the password glued to its flag. */
  private static final Pattern GLUED_PASSWORD_FLAG = Pattern.compile("(?<!\\S)-p(?=\\S)\\S++");
  /** user:password@tcp(host:3306), as Go's MySQL driver and others write a DSN without a scheme. */
  private static final Pattern BARE_USER_INFO = Pattern.compile(
      "(?<![\\w/:.@-])([A-Za-z_][\\w.-]*+):[^\\s@/:]++@(?=[\\w.\\[(-])");
  /** Header values, to the end of the line: a cookie or a basic credential holds spaces or ';'. */
  private static final Pattern HEADER = Pattern.compile(
      "(?i)\\b((?:proxy-)?authorization|(?:set-)?cookie|x-[\\w-]{0,64}?(?:token|key|auth|secret|signature)[\\w-]{0,64}+)"
          + "(\\s*+:\\s*+)[^\\r\\n]++");
  private static final Pattern SCHEME_CREDENTIALS = Pattern.compile(
      "(?i)\\b(basic|bearer|digest|negotiate)\\s++[A-Za-z0-9._~+/=-]{6,}+");
  /** A key, quoted or not, and its separator; the value is found in code. */
  private static final Pattern PAIR = Pattern.compile(
      "([\"']?+)([A-Za-z_][\\w.-]*+)\\1\\s*+(=>|=|:)(?!//)\\s*+");
  /** A quoted key with spaces in it: {@code "db password": "x"}. */
  private static final Pattern SPACED_PAIR = Pattern.compile(
      "([\"'])([A-Za-z_][\\w.-]*+(?: [\\w.-]++){1,4})\\1\\s*+(=>|=|:)\\s*+");
  /**
   * A key word of a sentence, a SQL statement or a command line, then a linking verb or only
   * spaces, before its value: {@code the password was x}, {@code PASSWORD 'x'},
   * {@code --password x}; SQL's {@code IDENTIFIED [WITH plugin] BY} is a key of its own. Only
   * from the start of a word, so the scan stays linear; a word that ends a sentence
   * ({@code key.}) is no key.
   */
  private static final Pattern SPOKEN_PAIR = Pattern.compile(
      "(?i)(?<![\\w.-])-{0,2}+(?:(identified(?:\\s++with\\s++\\w++)?\\s++by)"
          + "|(\\w++(?:[.-]\\w++)*+))\\s++(?:(is|was|are|were):?\\s++)?");
  private static final Pattern XML_ELEMENT =
      Pattern.compile("<([A-Za-z_][\\w.:-]*+)(\\s[^<>]*+)?>([^<]*+)</\\1>");
  private static final Pattern KEY_SHAPES = Pattern.compile(
      "\\b(?:(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{30,}|"
          + "github_pat_[A-Za-z0-9_]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|"
          + "sk_(?:live|test)_[A-Za-z0-9]{16,}|eyJ[\\w-]{4,}\\.[\\w-]{4,}\\.[\\w-]*)");
  private static final Pattern LONG_TOKEN = Pattern.compile("[A-Za-z0-9+/=_-]{20,}+");

  private static final List<UnaryOperator<String>> BUILT_IN = List.of(
      onlyIfContains("-----BEGIN", replace(PEM, MASK)),
      onlyIfContains("://", replace(USER_INFO, "$1" + MASK + "@")),
      onlyIfContains("@", replace(SLASH_CREDENTIALS, "$1/" + MASK + "@")),
      onlyIfContains("-", replace(CURL_USER, "$1" + MASK)),
      onlyIfContains("-p", replace(GLUED_PASSWORD_FLAG, "-p" + MASK)),
      onlyIfContains("@", replace(BARE_USER_INFO, "$1:" + MASK + "@")),
      replace(HEADER, "$1$2" + MASK),
      replace(SCHEME_CREDENTIALS, "$1 " + MASK),
      onlyIfContains("</", Redactor::maskSecretElements),
      text -> maskSecretPairs(text, PAIR),
      onlyIfContains(" ", text -> maskSecretPairs(text, SPACED_PAIR)),
      onlyIfContains(" ", Redactor::maskSpokenSecrets),
      replace(KEY_SHAPES, MASK),
      Redactor::maskRandomTokens);

  private final List<UnaryOperator<String>> rules;

  /** @param extra patterns whose every match is replaced by {@value #MASK}, after the built-in ones */
  Redactor(List<Pattern> extra) {
    List<UnaryOperator<String>> all = new ArrayList<>(BUILT_IN);
    for (Pattern pattern : extra) {
      all.add(replace(pattern, MASK));
    }
    this.rules = List.copyOf(all);
  }

  /** Skips a rule, and its scan, for text that cannot hold what it masks. */
  private static UnaryOperator<String> onlyIfContains(String needle, UnaryOperator<String> rule) {
    return text -> text.contains(needle) ? rule.apply(text) : text;
  }

  private static UnaryOperator<String> replace(Pattern pattern, String replacement) {
    return text -> {
      Matcher matcher = pattern.matcher(text);
      return matcher.find() ? matcher.replaceAll(replacement) : text;
    };
  }

  /**
   * Masks the value of every pair whose key names a secret. One pass: keys are matched
   * possessively and tested in code, since a regex that looks for a secret word anywhere in a
   * key backtracks quadratically over long text.
   */
  private static String maskSecretPairs(String text, Pattern pairs) {
    if (text.indexOf('=') < 0 && text.indexOf(':') < 0) {
      return text;
    }
    Matcher pair = pairs.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (from < text.length() && pair.find(from)) {
      int start = pair.end();
      if (!isSecretKey(pair.group(2)) || start == text.length()) {
        from = Math.max(pair.start(3) + 1, pair.start(2) + 1); // a=password=x: look inside the value
        continue;
      }
      int end = valueEnd(text, start, !pair.group(1).isEmpty());
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      appendMask(out.append(text, copied, start), text.charAt(start));
      copied = end;
      from = end;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * Masks the value given in a sentence, a SQL statement or a command line rather than in a
   * pair: the word or quoted string right after a key word that names a secret, or after its
   * linking verb. A quoted value is always masked; a bare word only when it gives a value
   * ({@link #givesValue}). After the pairs, whose separators and masks then read as no word.
   */
  private static String maskSpokenSecrets(String text) {
    Matcher spoken = SPOKEN_PAIR.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (from < text.length() && spoken.find(from)) {
      boolean sql = spoken.group(1) != null;
      int start = spoken.end();
      if (start == text.length() || !(sql || namesSecretInProse(spoken.group(2)))) {
        from = spoken.end(sql ? 1 : 2);
        continue;
      }
      int end = valueEnd(text, start, false);
      boolean linked = sql || spoken.group(3) != null;
      if (!isQuote(text.charAt(start)) && !givesValue(text.substring(start, end), linked)) {
        from = start; // the word may be a key word in its turn: private key is x
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      appendMask(out.append(text, copied, start), text.charAt(start));
      copied = end;
      from = end;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * Whether a word of a sentence names a secret, so the word after it may be its value: its last
   * part is a secret word, or ends in one ({@code password}, {@code db.password},
   * {@code clientSecret}, {@code api_key}, {@code tokens}). Unlike {@link #isSecretKey}, which
   * reads a key that is known to hold a value, a secret word elsewhere in the word does not
   * count: in a sentence, {@code authentication} or {@code secretinside} names something else.
   */
  private static boolean namesSecretInProse(String word) {
    List<String> parts = words(word);
    if (parts.isEmpty()) {
      return false;
    }
    String last = parts.get(parts.size() - 1);
    if (NOT_SECRET_IN_PROSE.contains(last)) {
      return false;
    }
    String singular = last.endsWith("s") ? last.substring(0, last.length() - 1) : last;
    return SECRET_WORDS.contains(last) || last.endsWith("key")
        || SECRET_PARTS.stream().anyMatch(singular::endsWith);
  }

  /**
   * Whether the bare word after a key word is its value. Not when it is a word of the sentence
   * ({@link #SENTENCE_WORDS}, a negated verb such as {@code isn't}) or no word at all (the
   * {@code :} of a pair, a mask already made). With only spaces after the key word, not either
   * when it goes on naming the secret ({@code private key}) or is a pair of its own
   * ({@code Type="x"}): both are read as keys in their turn.
   */
  private static boolean givesValue(String word, boolean linked) {
    String plain = trimPunctuation(word).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    if (plain.isEmpty() || SENTENCE_WORDS.contains(plain) || plain.endsWith("n't")) {
      return false;
    }
    return linked
        || !(namesSecretInProse(word) || word.indexOf('=') >= 0 || word.indexOf(':') >= 0);
  }

  /** The word without its sentence's punctuation: {@code hunter2.}, {@code (required)}. */
  private static String trimPunctuation(String word) {
    int start = 0;
    int end = word.length();
    while (start < end && !Character.isLetterOrDigit(word.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) {
      end--;
    }
    return word.substring(start, end);
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  /** The mask for a value that starts with {@code first}: a quoted value keeps its quotes. */
  private static void appendMask(StringBuilder out, char first) {
    if (isQuote(first)) {
      out.append(first).append(MASK).append(first);
    } else {
      out.append(MASK);
    }
  }

  /**
   * Returns where the value starting at {@code start} ends: after its closing quote (the end of
   * the text when it has none), or, unquoted, at the next whitespace or the separator before the
   * next key ({@code a=1;b=2}, {@code ?a=1&b=2}); in a quoted-key structure, also at the
   * structure's own {@code ,}, <code>}</code> or {@code ]}.
   */
  private static int valueEnd(String text, int start, boolean inStructure) {
    char first = text.charAt(start);
    if (isQuote(first)) {
      for (int i = start + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == first) {
          // A value that goes on past its closing quote (""x) is masked to its real end.
          return i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1))
              && ",;&}]".indexOf(text.charAt(i + 1)) < 0 ? valueEnd(text, i + 1, inStructure) : i + 1;
        }
      }
      return text.length();
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        return i;
      }
      if (inStructure && (c == ',' || c == '}' || c == ']')) {
        return i;
      }
      if ((c == '&' || c == ';' || c == ',') && startsKey(text, i + 1)) {
        return i;
      }
    }
    return text.length();
  }

  /** Whether a key and its separator start at {@code index}, after optional spaces. */
  private static boolean startsKey(String text, int index) {
    int i = index;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    int keyStart = i;
    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i))
        || text.charAt(i) == '_' || text.charAt(i) == '.' || text.charAt(i) == '-')) {
      i++;
    }
    return i > keyStart && i < text.length() && (text.charAt(i) == '=' || text.charAt(i) == ':');
  }

  private static String maskSecretElements(String text) {
    Matcher element = XML_ELEMENT.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    boolean masked = false;
    while (element.find()) {
      if (isSecretKey(element.group(1))) {
        element.appendReplacement(out, "<$1$2>" + MASK + "</$1>");
        masked = true;
      }
    }
    return masked ? element.appendTail(out).toString() : text;
  }

  /**
   * Masks runs of 20 or more base64 or hex characters that look random: letters and digits (two,
   * or one in 32 characters or more), and the character entropy of a generated key. Exception
   * class names have too few digits to be taken for one.
   */
  private static String maskRandomTokens(String text) {
    Matcher token = LONG_TOKEN.matcher(text);
    StringBuilder out = null;
    while (token.find()) {
      if (looksRandom(token.group())) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        token.appendReplacement(out, MASK);
      }
    }
    return out == null ? text : token.appendTail(out).toString();
  }

  static boolean looksRandom(String token) {
    int digits = 0;
    int letters = 0;
    int[] counts = new int[128];
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (Character.isDigit(c)) {
        digits++;
      } else if (Character.isLetter(c)) {
        letters++;
      }
      counts[c & 127]++;
    }
    if (letters < 2 || digits < (token.length() >= 32 ? 1 : 2)) {
      return false;
    }
    double entropy = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / token.length();
        entropy -= p * Math.log(p) / Math.log(2);
      }
    }
    return entropy >= 3.5;
  }

  /** Returns {@code text} with every secret masked and every control character stripped. */
  String redact(String text) {
    // Printable first: a value that starts at a control or separator character is masked too.
    String out = printable(scanned(text));
    for (UnaryOperator<String> rule : rules) {
      out = rule.apply(out);
    }
    return out;
  }

  /**
   * Returns whether a key names a secret, so its value must never be shown: as Spring Boot's
   * {@code Sanitizer} matches {@code password}, {@code secret}, {@code key}, {@code token} and
   * {@code credentials}, and also {@code pass}, {@code pw}, {@code auth}, {@code cert},
   * {@code cookie}, {@code sig} and their kin, in any word of the key.
   */
  static boolean isSecretKey(String key) {
    for (String word : words(key)) {
      if (SECRET_WORDS.contains(word) || word.startsWith("auth") || word.endsWith("key")) {
        return true;
      }
      for (String part : SECRET_PARTS) {
        if (word.contains(part)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Splits {@code db.primaryPassword} into {@code db}, {@code primary}, {@code password}. */
  private static List<String> words(String key) {
    List<String> words = new ArrayList<>(4);
    StringBuilder word = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean boundary = !Character.isLetterOrDigit(c)
          || (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(key.charAt(i - 1)));
      if (boundary && word.length() > 0) {
        words.add(word.toString().toLowerCase(Locale.ROOT));
        word.setLength(0);
      }
      if (Character.isLetterOrDigit(c)) {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  /**
   * Returns the details of a check fit for a body, sorted by key: secret keys masked, small
   * integers and booleans as they are, nested maps sanitized the same way (structure kept),
   * every other value as redacted one-line text.
   */
  Map<String, Object> details(Map<?, ?> details) {
    Map<String, Object> shown = new TreeMap<>();
    details.forEach((key, value) -> {
      String name = String.valueOf(key);
      shown.put(cap(redact(name)), isSecretKey(name) ? MASK : shownValue(value));
    });
    return shown;
  }

  private Object shownValue(Object value) {
    if (isPlain(value)) {
      return value;
    }
    if (value instanceof Map<?, ?> nested) {
      return details(nested);
    }
    return cap(redact(String.valueOf(value)));
  }

  private static boolean isPlain(Object value) {
    return value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte;
  }

  /**
   * Returns one line about a failure: the exception's simple class name and its message, redacted
   * before it is cut to its first line and to {@value #MAX_SUMMARY} characters. Never a stack trace.
   */
  String summary(Throwable failure) {
    String type = failure.getClass().getSimpleName();
    if (type.isEmpty()) {
      type = failure.getClass().getName();
    }
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return cap(type);
    }
    // The first line only, redacted as it stands: a value or a PEM block that runs past it is
    // cut open, and an open quote or block is masked to the end.
    String firstLine = scanned(message);
    int newline = firstLine.indexOf('\n');
    int cr = firstLine.indexOf('\r');
    int end = newline < 0 ? cr : cr < 0 ? newline : Math.min(newline, cr);
    return cap(type + ": " + redact(end < 0 ? firstLine : firstLine.substring(0, end)).strip());
  }

  private static String scanned(String text) {
    return text.length() > MAX_SCANNED ? text.substring(0, MAX_SCANNED) : text;
  }

  /**
   * Replaces control characters (ESC, BEL, NUL, CR, LF, NEL), line and paragraph separators and
   * other Unicode spaces with plain spaces: a message can neither start a forged log line nor
   * drive a terminal, and every value is delimited as the masking rules read it.
   */
  static String printable(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || (c != ' ' && Character.isSpaceChar(c))) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.setCharAt(i, ' ');
      }
    }
    return out == null ? text : out.toString();
  }

  private static String cap(String text) {
    return text.length() > MAX_SUMMARY ? text.substring(0, MAX_SUMMARY - 3) + "..." : text;
  }
}
