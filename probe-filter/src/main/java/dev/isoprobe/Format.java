/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
      if (report.isUp() && !verbose && !report.hasPending()) {
        return "ok";
      }
      StringBuilder body = new StringBuilder(64 * (report.checks().size() + 1));
      for (CheckReport check : report.checks()) {
        if (check.isUp()) {
          body.append("[+]").append(check.name()).append(" ok");
          if (check.isPending()) {
            body.append(" (").append(pending(check, details)).append(')');
          }
        } else {
          body.append("[-]").append(check.name()).append(" failed: ").append(check.isPending()
              ? pending(check, details) : reason(check, details));
        }
        Standing standing = check.standing();
        if (verbose && standing != null) {
          body.append(check.isUp() ? ", up since " : ", down since ").append(time(standing.since()))
              .append(", last success ").append(standing.lastSuccess() == null ? "never"
                  : time(standing.lastSuccess()));
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
        counted(body, check);
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
      body.append("{\"status\":\"").append(!report.isUp() ? "fail" : report.hasPending() ? "warn" : "pass")
          .append("\",\"description\":");
      quote(body, report.probe()).append(",\"checks\":{");
      String separator = "";
      for (CheckReport check : report.checks()) {
        body.append(separator);
        // "warn" is the draft's "healthy, with some concerns": failing, not yet counted down.
        String status = !check.isUp() ? "fail" : check.isPending() ? "warn" : "pass";
        quote(body, check.name() + ":duration").append(":[{\"status\":\"").append(status)
            .append("\",\"observedValue\":").append(check.duration().toMillis())
            .append(",\"observedUnit\":\"ms\"");
        Standing standing = check.standing();
        if (standing != null) {
          body.append(",\"time\":\"").append(time(standing.at())).append('"');
        }
        if (!status.equals("pass")) {
          body.append(",\"output\":");
          quote(body, check.isPending() ? pending(check, details) : reason(check, details));
        }
        times(body, standing);
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

  /**
   * Renders a report of every outcome in every format, verbose and not, with and without details:
   * the answer path's classes are loaded and its code run once before the first probe, whose
   * deadline would otherwise pay for it on a cold JVM.
   */
  static void warmUp() {
    Instant at = Instant.EPOCH;
    List<CheckReport> checks = new ArrayList<>();
    for (Outcome outcome : Outcome.values()) {
      checks.add(CheckReport.of(outcome.label(), outcome, 1).counted(
          Standing.first(outcome, at, new Standing.Thresholds(2, 2)).next(Outcome.DOWN, at,
              new Standing.Thresholds(2, 2))));
    }
    ProbeReport report = new ProbeReport("warm-up", checks);
    Redactor redactor = new Redactor(List.of());
    for (Format format : values()) {
      for (boolean verbose : new boolean[] {false, true}) {
        format.report(report, verbose, redactor);
        format.report(report, verbose, null);
      }
      format.refusal("warm-up", "starting");
    }
  }

  /** Returns the media type an {@code Accept} header names this format by. */
  String mediaType() {
    return mediaType;
  }

  /** Renders a probe's report, with details when {@code details} is not null. */
  abstract String report(ProbeReport report, boolean verbose, Redactor details);

  /** Renders a probe refused without running checks, such as {@code draining}. */
  abstract String refusal(String probe, String reason);

  /**
   * Returns how far the thresholds have counted an outcome against a check's status:
   * {@code 1 of 3 failures: timeout after 800ms} while it is up, {@code recovering, 1 of 2
   * successes} while it is down.
   */
  static String pending(CheckReport check, Redactor details) {
    Standing standing = check.standing();
    String count = standing.streak() + " of " + standing.needed();
    return check.isUp() ? count + " failures: " + reason(check, details)
        : "recovering, " + count + " successes";
  }

  /** Returns an instant as answers show it: ISO-8601 in UTC, to the millisecond. */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /**
   * Appends to a JSON check what its thresholds counted: how many outcomes in a row went against
   * its status, if any did, and when the status last turned and the check last succeeded.
   */
  private static void counted(StringBuilder body, CheckReport check) {
    Standing standing = check.standing();
    if (standing != null && check.isPending()) {
      String counting = check.isUp() ? "failures" : "successes";
      body.append(",\"").append(counting).append("\":").append(standing.streak())
          .append(",\"").append(check.isUp() ? "failureThreshold" : "successThreshold").append("\":")
          .append(standing.needed());
    }
    times(body, standing);
  }

  /** Appends {@code since} and {@code lastSuccess} (when there was one) to a JSON check. */
  private static void times(StringBuilder body, Standing standing) {
    if (standing == null) {
      return;
    }
    body.append(",\"since\":\"").append(time(standing.since())).append('"');
    if (standing.lastSuccess() != null) {
      body.append(",\"lastSuccess\":\"").append(time(standing.lastSuccess())).append('"');
    }
  }

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
      case STALE -> "stale, latest result " + millis + "ms old";
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
