package dev.isoprobe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves the process: response bodies and log lines. Built-in rules
 * cover user-info in URLs, {@code key=value} and {@code key: value} pairs whose key names a
 * secret, {@code Authorization} values and bearer tokens; users add their own. Thread-safe.
 */
final class Redactor {

  static final String MASK = "***";
  /** The longest error summary shown: one line an operator can read, not a dump. */
  static final int MAX_SUMMARY = 200;
  /** The longest text scanned for secrets, so a huge exception message costs little. */
  private static final int MAX_SCANNED = 2_048;

  private static final String SECRET_WORDS =
      "password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|session[_-]?id";

  /**
   * Any {@code key=value} or {@code key: value}: the value quoted, or up to a separator, or an
   * unclosed quote and what follows it up to a separator.
   */
  private static final Pattern PAIR = Pattern.compile(
      "(?<![\\w.-])([\\w.-]++)(\"?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[\"']?[^\\s\"',;&]++)");
  private static final Pattern SECRET_WORD = Pattern.compile(SECRET_WORDS, Pattern.CASE_INSENSITIVE);

  private static final List<UnaryOperator<String>> BUILT_IN = List.of(
      // scheme://user:secret@host -> scheme://***@host; the user-info ends at the last '@' before the path.
      onlyIfContains("://", replace(Pattern.compile("(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*+://)[^/\\s?#]*@",
          Pattern.CASE_INSENSITIVE), "$1" + MASK + "@")),
      // Authorization: Basic xyz, "authorization":"Bearer xyz", authorization=xyz
      replace(Pattern.compile("((?:proxy-)?authorization\"?\\s*[=:]\\s*\"?)"
          + "(?:(?:basic|bearer|digest|negotiate|token)\\s+)?[^\\s\",;&]+", Pattern.CASE_INSENSITIVE),
          "$1" + MASK),
      replace(Pattern.compile("\\bbearer\\s+[a-z0-9._~+/=-]+", Pattern.CASE_INSENSITIVE), "Bearer " + MASK),
      // password=x, db.password: x, "client_secret":"x", api-key='x', X-Auth-Token: x; quotes stay.
      text -> text.indexOf('=') < 0 && text.indexOf(':') < 0 ? text : maskSecretPairs(text),
      // A JSON Web Token anywhere.
      replace(Pattern.compile("\\beyJ[\\w-]{4,}\\.[\\w-]{4,}\\.[\\w-]*"), MASK));

  private static final Pattern SECRET_KEY =
      Pattern.compile("(password|passwd|pwd|secret|token|key|credential|authorization)",
          Pattern.CASE_INSENSITIVE);

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
   * possessively and tested in code, since a regex that looks for the secret word anywhere in
   * a key backtracks quadratically over long text.
   */
  private static String maskSecretPairs(String text) {
    Matcher pair = PAIR.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (from < text.length() && pair.find(from)) {
      if (!SECRET_WORD.matcher(pair.group(1)).find()) {
        from = pair.start(3); // the value may hold a pair of its own: a=password=x
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      char first = text.charAt(pair.start(3));
      String quote = first == '"' || first == '\'' ? String.valueOf(first) : "";
      out.append(text, copied, pair.start(3)).append(quote).append(MASK).append(quote);
      copied = pair.end(3);
      from = copied;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** Returns {@code text} with every secret masked. */
  String redact(String text) {
    String out = text;
    for (UnaryOperator<String> rule : rules) {
      out = rule.apply(out);
    }
    return out;
  }

  /** Returns whether a details key names a secret, so its value must never be shown. */
  static boolean isSecretKey(String key) {
    return SECRET_KEY.matcher(key).find();
  }

  /** Returns a details value fit to show: masked for a secret key, else redacted text. */
  String detail(String key, Object value) {
    if (isSecretKey(key)) {
      return MASK;
    }
    return cap(oneLine(redact(scanned(String.valueOf(value)))));
  }

  /**
   * Returns the details of a check fit for a body, sorted by key: secret keys masked, small
   * integers and booleans as they are, every other value as redacted one-line text.
   */
  Map<String, Object> details(Map<String, Object> details) {
    Map<String, Object> shown = new TreeMap<>();
    details.forEach((key, value) -> shown.put(oneLine(redact(key)),
        !isSecretKey(key) && isPlain(value) ? value : detail(key, value)));
    return shown;
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
    String redacted = redact(scanned(message));
    int newline = redacted.indexOf('\n');
    int cr = redacted.indexOf('\r');
    int end = newline < 0 ? cr : cr < 0 ? newline : Math.min(newline, cr);
    return cap(type + ": " + (end < 0 ? redacted : redacted.substring(0, end)).strip());
  }

  private static String scanned(String text) {
    return text.length() > MAX_SCANNED ? text.substring(0, MAX_SCANNED) : text;
  }

  private static String oneLine(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
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
