/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses and validates the command line into {@link Options}. */
final class Cli {

  static final String USAGE = String.join("\n",
      "usage: java -jar probe-sim.jar [--pure] [--readiness K=V,...] [--liveness K=V,...] [--lb K=V,...]",
      "         [--deadline 800ms] [--base http://127.0.0.1:PORT --duration 40s [--hang-at 5s] [--hang-url /admin/hang]",
      "         [--heal-at 35s] [--heal-url /admin/heal] [--threads-pid PID] [--quiet]]",
      "  --readiness, --liveness  period=10,timeout=1,failure=3,success=1,initialDelay=0,path=/readyz|/livez",
      "                           (Kubernetes defaults; the *Seconds/*Threshold names work too; success must be 1",
      "                           for liveness; durations: 2, 0.5, 2s or 800ms)",
      "  --lb                     callers=1,interval=2,timeout=1,unhealthy=3,healthy=2,path=/readyz",
      "  --deadline               isoprobe's probe deadline: a hung probe is answered 503 by then",
      "  --pure                   compute the worst-case windows from the settings alone",
      "  live mode probes --base (127.0.0.1 or [::1] only) for --duration, POSTs --hang-url at --hang-at and",
      "  --heal-url at --heal-at, samples /proc/PID/status Threads: with --threads-pid, and prints a timeline");

  /** Keeps live mode bounded: at most an hour of probing and a thousand LB callers. */
  static final Duration MAX_RUN = Duration.ofHours(1);
  static final int MAX_CALLERS = 1000;
  private static final int MAX_THRESHOLD = 1000;

  private static final Set<String> FLAGS = Set.of("--pure", "--quiet", "--help");
  private static final List<String> VALUED = List.of("--readiness", "--liveness", "--lb", "--deadline", "--base",
      "--duration", "--hang-at", "--hang-url", "--heal-at", "--heal-url", "--threads-pid");

  private static final Map<String, String> PROBE_KEYS = Map.ofEntries(
      Map.entry("initialDelay", "initialDelay"), Map.entry("initialDelaySeconds", "initialDelay"),
      Map.entry("period", "period"), Map.entry("periodSeconds", "period"),
      Map.entry("timeout", "timeout"), Map.entry("timeoutSeconds", "timeout"),
      Map.entry("failure", "failure"), Map.entry("failureThreshold", "failure"),
      Map.entry("success", "success"), Map.entry("successThreshold", "success"),
      Map.entry("path", "path"));
  private static final Map<String, String> LB_KEYS = Map.of("callers", "callers", "interval", "interval",
      "timeout", "timeout", "unhealthy", "unhealthy", "healthy", "healthy", "path", "path");

  private Cli() {}

  /**
   * Parses {@code args}.
   *
   * @throws UsageException naming the first bad option, with its value and what was expected
   */
  static Options parse(String... args) throws UsageException {
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (FLAGS.contains(option)) {
        put(given, option, "");
      } else if (VALUED.contains(option)) {
        if (i + 1 == args.length) {
          throw new UsageException(option + ": missing value");
        }
        put(given, option, args[++i]);
      } else {
        throw new UsageException("unknown option: " + option);
      }
    }
    if (given.containsKey("--help")) {
      return new Options(false, false, true, null, null, null, null, null, null, null, null, null, null, null);
    }
    return validate(given);
  }

  private static void put(Map<String, String> given, String option, String value) throws UsageException {
    if (given.put(option, value) != null) {
      throw new UsageException(option + ": given twice");
    }
  }

  private static Options validate(Map<String, String> given) throws UsageException {
    boolean pure = given.containsKey("--pure");
    ProbeSettings readiness = probe(given, "--readiness", "/readyz");
    ProbeSettings liveness = probe(given, "--liveness", "/livez");
    if (liveness != null && liveness.successThreshold() != 1) {
      throw new UsageException("--liveness success: " + liveness.successThreshold()
          + " (expected: 1, Kubernetes requires successThreshold 1 for liveness)");
    }
    LbSettings lb = given.containsKey("--lb") ? lb(given.get("--lb")) : null;
    if (readiness == null && liveness == null && lb == null) {
      throw new UsageException("nothing to simulate (expected: --readiness, --liveness or --lb)");
    }
    Duration deadline = duration(given, "--deadline", true);
    URI base = given.containsKey("--base") ? loopback("--base", given.get("--base")) : null;
    Duration duration = duration(given, "--duration", true);
    Duration hangAt = duration(given, "--hang-at", false);
    Duration healAt = duration(given, "--heal-at", false);
    Long pid = given.containsKey("--threads-pid") ? pid(given.get("--threads-pid")) : null;
    URI hangUrl = null;
    URI healUrl = null;
    if (!pure) {
      if (base == null) {
        throw new UsageException("--base: missing (expected: the app's URL, e.g. http://127.0.0.1:8080, or --pure)");
      }
      if (duration == null) {
        throw new UsageException("--duration: missing (expected: how long to probe, e.g. 40s)");
      }
      if (duration.compareTo(MAX_RUN) > 0) {
        throw new UsageException("--duration: " + given.get("--duration") + " (expected: <= " + Durations.format(MAX_RUN) + ")");
      }
      checkSchedule(given, duration, hangAt, healAt);
      hangUrl = hangAt == null ? null : target(given, "--hang-url", "/admin/hang", base);
      healUrl = healAt == null ? null : target(given, "--heal-url", "/admin/heal", base);
    }
    return new Options(pure, given.containsKey("--quiet"), false, readiness, liveness, lb, deadline, base, duration,
        hangAt, hangUrl, healAt, healUrl, pid);
  }

  private static void checkSchedule(Map<String, String> given, Duration duration, Duration hangAt, Duration healAt)
      throws UsageException {
    if (hangAt == null && given.containsKey("--hang-url")) {
      throw new UsageException("--hang-url: given without --hang-at");
    }
    if (healAt == null && given.containsKey("--heal-url")) {
      throw new UsageException("--heal-url: given without --heal-at");
    }
    if (hangAt != null && hangAt.compareTo(duration) >= 0) {
      throw new UsageException("--hang-at: " + given.get("--hang-at") + " (expected: < --duration "
          + given.get("--duration") + ")");
    }
    if (healAt != null) {
      if (hangAt == null) {
        throw new UsageException("--heal-at: given without --hang-at");
      }
      if (healAt.compareTo(hangAt) <= 0 || healAt.compareTo(duration) >= 0) {
        throw new UsageException("--heal-at: " + given.get("--heal-at") + " (expected: after --hang-at "
            + given.get("--hang-at") + " and before --duration " + given.get("--duration") + ")");
      }
    }
  }

  private static ProbeSettings probe(Map<String, String> given, String option, String defaultPath)
      throws UsageException {
    if (!given.containsKey(option)) {
      return null;
    }
    Map<String, String> kv = pairs(option, given.get(option), PROBE_KEYS);
    ProbeSettings d = ProbeSettings.kubernetesDefaults(defaultPath);
    return new ProbeSettings(
        kv.containsKey("initialDelay") ? Durations.parse(option + " initialDelay", kv.get("initialDelay")) : d.initialDelay(),
        kv.containsKey("period") ? Durations.parsePositive(option + " period", kv.get("period")) : d.period(),
        kv.containsKey("timeout") ? Durations.parsePositive(option + " timeout", kv.get("timeout")) : d.timeout(),
        kv.containsKey("failure") ? count(option + " failure", kv.get("failure"), MAX_THRESHOLD) : d.failureThreshold(),
        kv.containsKey("success") ? count(option + " success", kv.get("success"), MAX_THRESHOLD) : d.successThreshold(),
        kv.containsKey("path") ? path(option + " path", kv.get("path")) : d.path());
  }

  private static LbSettings lb(String value) throws UsageException {
    Map<String, String> kv = pairs("--lb", value, LB_KEYS);
    LbSettings d = LbSettings.defaults();
    return new LbSettings(
        kv.containsKey("callers") ? count("--lb callers", kv.get("callers"), MAX_CALLERS) : d.callers(),
        kv.containsKey("interval") ? Durations.parsePositive("--lb interval", kv.get("interval")) : d.interval(),
        kv.containsKey("timeout") ? Durations.parsePositive("--lb timeout", kv.get("timeout")) : d.timeout(),
        kv.containsKey("unhealthy") ? count("--lb unhealthy", kv.get("unhealthy"), MAX_THRESHOLD) : d.unhealthy(),
        kv.containsKey("healthy") ? count("--lb healthy", kv.get("healthy"), MAX_THRESHOLD) : d.healthy(),
        kv.containsKey("path") ? path("--lb path", kv.get("path")) : d.path());
  }

  /** Splits {@code k=v,k=v}, mapping aliases to canonical keys; a key may appear once. */
  private static Map<String, String> pairs(String option, String value, Map<String, String> keys)
      throws UsageException {
    Map<String, String> out = new HashMap<>();
    for (String pair : value.split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UsageException(option + ": " + pair + " (expected: key=value)");
      }
      String key = keys.get(pair.substring(0, eq));
      if (key == null) {
        throw new UsageException(option + ": unknown key " + pair.substring(0, eq) + " (expected one of: "
            + String.join(", ", keys.values().stream().distinct().sorted().toList()) + ")");
      }
      if (out.put(key, pair.substring(eq + 1)) != null) {
        throw new UsageException(option + ": " + key + " given twice");
      }
    }
    return out;
  }

  private static int count(String name, String value, int max) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException notAnInteger) {
      // reported below with the same message as an out-of-range number
    }
    throw new UsageException(name + ": " + value + " (expected: an integer from 1 to " + max + ")");
  }

  private static String path(String name, String value) throws UsageException {
    if (!value.startsWith("/") || value.chars().anyMatch(c -> c <= ' ' || c == '#')) {
      throw new UsageException(name + ": " + value + " (expected: an absolute path such as /readyz)");
    }
    return value;
  }

  private static Duration duration(Map<String, String> given, String option, boolean positive) throws UsageException {
    String value = given.get(option);
    if (value == null) {
      return null;
    }
    return positive ? Durations.parsePositive(option, value) : Durations.parse(option, value);
  }

  private static Long pid(String value) throws UsageException {
    long pid;
    try {
      pid = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException("--threads-pid: " + value + " (expected: a process id)");
    }
    if (pid < 1 || !Files.isReadable(ThreadSampler.statusFile(pid))) {
      throw new UsageException("--threads-pid: " + value
          + " (expected: a running process whose /proc/<pid>/status is readable; Linux only)");
    }
    return pid;
  }

  /** The hang or heal URL: a path on the base URL, or an absolute URL that must be loopback too. */
  private static URI target(Map<String, String> given, String option, String defaultPath, URI base)
      throws UsageException {
    String value = given.getOrDefault(option, defaultPath);
    return value.startsWith("/") ? resolve(base, path(option, value)) : loopback(option, value);
  }

  /** {@code base} followed by {@code path}, keeping the base's own path as a prefix (a context path). */
  static URI resolve(URI base, String path) {
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
  }

  /** Only loopback: probe-sim sends bursts of requests and POSTs that hang an app's dependency. */
  static URI loopback(String option, String value) throws UsageException {
    String expected = " (expected: http://127.0.0.1:<port> or http://[::1]:<port>; probe-sim only probes loopback)";
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new UsageException(option + ": " + value + expected);
    }
    String host = uri.getHost();
    if (!"http".equals(uri.getScheme()) || uri.getRawQuery() != null || uri.getRawFragment() != null
        || !("127.0.0.1".equals(host) || "[::1]".equals(host))) {
      throw new UsageException(option + ": " + value + expected);
    }
    return uri;
  }
}
