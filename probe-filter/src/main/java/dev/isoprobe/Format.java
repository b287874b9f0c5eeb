package dev.isoprobe;

import java.util.Map;

/**
 * The body formats a probe answers in, chosen by {@link Accept}. Bodies carry names, outcomes
 * and durations only, unless details are shown to the caller: then also each check's own
 * details and its one-line error summary, both redacted. Never a stack trace.
 */
enum Format {

  /** Like the Kubernetes API server: {@code ok}, or one {@code [+]}/{@code [-]} line per check. */
  TEXT("text/plain;charset=utf-8", "text/plain") {
    @Override
    String report(ProbeReport report, boolean verbose, Redactor details) {
      if (report.isUp() && !verbose) {
        return "ok";
      }
      StringBuilder body = new StringBuilder(64 * (report.checks().size() + 1));
      for (CheckReport check : report.checks()) {
        if (check.isUp()) {
          body.append("[+]").append(check.name()).append(" ok");
        } else {
          body.append("[-]").append(check.name()).append(" failed: ").append(reason(check, details));
        }
        if (details != null && !check.details().isEmpty()) {
          body.append(' ').append(details.details(check.details()));
        }
        body.append('\n');
      }
      return body.append(report.probe()).append(report.isUp() ? " check passed" : " check failed").toString();
    }

    @Override
    String refusal(String probe, String reason) {
      return reason;
    }
  },

  /** {@code {"probe":"readyz","status":"UP","checks":[{"name":..,"status":..,"outcome":..,"durationMs":..}]}} */
  JSON("application/json", "application/json") {
    @Override
    String report(ProbeReport report, boolean verbose, Redactor details) {
      StringBuilder body = new StringBuilder(64 * (report.checks().size() + 1));
      body.append("{\"probe\":");
      quote(body, report.probe()).append(",\"status\":\"").append(report.isUp() ? "UP" : "DOWN")
          .append("\",\"checks\":[");
      String separator = "";
      for (CheckReport check : report.checks()) {
        body.append(separator).append("{\"name\":");
        quote(body, check.name()).append(",\"status\":\"").append(check.isUp() ? "UP" : "DOWN")
            .append("\",\"outcome\":\"").append(check.outcome().label())
            .append("\",\"durationMs\":").append(check.duration().toMillis());
        shown(body, check, details, "error").append('}');
        separator = ",";
      }
      return body.append("]}").toString();
    }

    @Override
    String refusal(String probe, String reason) {
      StringBuilder body = new StringBuilder(64).append("{\"probe\":");
      quote(body, probe).append(",\"status\":\"DOWN\",\"reason\":");
      return quote(body, reason).append(",\"checks\":[]}").toString();
    }
  },

  /** The IETF draft "Health Check Response Format for HTTP APIs" (draft-inadarei-api-health-check). */
  HEALTH_JSON("application/health+json", "application/health+json") {
    @Override
    String report(ProbeReport report, boolean verbose, Redactor details) {
      StringBuilder body = new StringBuilder(96 * (report.checks().size() + 1));
      body.append("{\"status\":\"").append(report.isUp() ? "pass" : "fail").append("\",\"description\":");
      quote(body, report.probe()).append(",\"checks\":{");
      String separator = "";
      for (CheckReport check : report.checks()) {
        body.append(separator);
        quote(body, check.name() + ":duration").append(":[{\"status\":\"")
            .append(check.isUp() ? "pass" : "fail")
            .append("\",\"observedValue\":").append(check.duration().toMillis())
            .append(",\"observedUnit\":\"ms\"");
        if (!check.isUp()) {
          body.append(",\"output\":");
          quote(body, reason(check, details));
        }
        shown(body, check, details, null).append("}]");
        separator = ",";
      }
      return body.append("}}").toString();
    }

    @Override
    String refusal(String probe, String reason) {
      StringBuilder body = new StringBuilder(64).append("{\"status\":\"fail\",\"description\":");
      quote(body, probe).append(",\"output\":");
      return quote(body, reason).append('}').toString();
    }
  };

  private final String contentType;
  private final String mediaType;

  Format(String contentType, String mediaType) {
    this.contentType = contentType;
    this.mediaType = mediaType;
  }

  String contentType() {
    return contentType;
  }

  /** Returns the media type an {@code Accept} header names this format by. */
  String mediaType() {
    return mediaType;
  }

  /** Renders a probe's report, with details when {@code details} is not null. */
  abstract String report(ProbeReport report, boolean verbose, Redactor details);

  /** Renders a probe refused without running checks, such as {@code draining}. */
  abstract String refusal(String probe, String reason);

  /** Returns why a check is not up, with its error summary when details are shown. */
  static String reason(CheckReport check, Redactor details) {
    String reason = reason(check);
    return details != null && check.error() != null ? reason + ": " + details.redact(check.error()) : reason;
  }

  /** Returns why a check is not up, in words an operator reads: outcome and how long it ran. */
  static String reason(CheckReport check) {
    long millis = check.duration().toMillis();
    return switch (check.outcome()) {
      case TIMEOUT -> "timeout after " + millis + "ms";
      case STUCK -> "stuck for " + millis + "ms";
      default -> check.outcome().label();
    };
  }

  /**
   * Appends a check's shown members to a JSON object: its error summary under {@code errorKey}
   * (none when null) and its details, if details are shown and it has them.
   */
  private static StringBuilder shown(StringBuilder body, CheckReport check, Redactor details,
      String errorKey) {
    if (details == null) {
      return body;
    }
    if (errorKey != null && check.error() != null) {
      body.append(",\"").append(errorKey).append("\":");
      quote(body, details.redact(check.error()));
    }
    if (!check.details().isEmpty()) {
      object(body.append(",\"details\":"), details.details(check.details()));
    }
    return body;
  }

  /** Appends shown details as a JSON object; a nested map, sanitized as its parent, nests. */
  private static StringBuilder object(StringBuilder body, Map<?, ?> shown) {
    body.append('{');
    String separator = "";
    for (var entry : shown.entrySet()) {
      quote(body.append(separator), String.valueOf(entry.getKey())).append(':');
      if (entry.getValue() instanceof String text) {
        quote(body, text);
      } else if (entry.getValue() instanceof Map<?, ?> nested) {
        object(body, nested);
      } else {
        body.append(entry.getValue());
      }
      separator = ",";
    }
    return body.append('}');
  }

  private static StringBuilder quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
