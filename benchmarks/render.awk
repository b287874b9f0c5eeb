# Renders one run's results.kv (key=value rows, written by the scripts through benchmarks/lib.sh)
# into the markdown report of that run, on standard output:
#
#   awk -f benchmarks/render.awk benchmarks/results/<stamp>/results.kv
#
# The row "report=" names the layout: run (benchmarks/run.sh), suite and soak (suite.sh), scale
# (scale.sh), shutdown (shutdown.sh). Verdicts compare the figures with the limits the run wrote
# (limit.* rows, defined once in lib.sh). A figure missing from the file is printed as n/a, and
# a note under the report (and one line on standard error) says so, once.

{
  i = index($0, "=")
  if (i == 0) next
  k = substr($0, 1, i - 1)
  if (!(k in F)) order[++nkeys] = k
  F[k] = substr($0, i + 1)
}

END {
  r = F["report"]
  if (r == "run") run()
  else if (r == "suite") suite()
  else if (r == "soak") soak()
  else if (r == "scale") scale()
  else if (r == "shutdown") shutdown()
  else { print "render.awk: no layout for report \"" r "\"" > "/dev/stderr"; exit 2 }
  if (nmissing) {
    print ""
    print "n/a: a figure this run did not produce (missing from its results.kv; see the raw output beside it)."
    print "render.awk: " nmissing " figure(s) missing, shown as n/a:" missing > "/dev/stderr"
  }
}

# --- figures ------------------------------------------------------------------------------

function has(k) { return (k in F) && F[k] != "" }
function miss(k) {
  if (!(k in MISSED)) { MISSED[k] = 1; nmissing++; missing = missing " " k }
  return "n/a"
}
function v(k) { return has(k) ? F[k] : miss(k) }
# md TEXT: a text safe inside a table cell.
function md(s) { gsub(/\|/, "\\|", s); return s }
function isnum(s) { return s ~ /^-?[0-9]+(\.[0-9]+)?$/ }
function ms(k) { return has(k) ? sprintf("%.1f", F[k] / 1000) : miss(k) }
function rps(k) { return has(k) ? sprintf("%.0f", F[k]) : miss(k) }
function mib(k) { return has(k) ? sprintf("%d", F[k] / 1024) : miss(k) }
# ratio A B: "xA/B" of two printed figures, n/a when either is not a number or B is 0.
function ratio(a, b) { return (isnum(a) && isnum(b) && b + 0 > 0) ? sprintf("x%.2f", a / b) : "n/a" }
# verdict KNOWN OK: pass or FAIL, n/a when a figure it needs is missing.
function verdict(known, ok) { return !known ? "n/a" : (ok ? "pass" : "FAIL") }
function lat3(p) { return ms(p ".p50_us") " / " ms(p ".p99_us") " / " ms(p ".max_us") }
function errors4(p) { return v(p ".connect") " / " v(p ".read") " / " v(p ".write") " / " v(p ".timeout") }
function machine() {
  return v("machine.cores") " cores, " v("machine.model") ", " v("machine.mem") "; " v("machine.kernel") "; " v("machine.java")
}
function opts() { return F["java_opts"] == "" ? "JVM defaults" : "`" F["java_opts"] "`" }
function loads(   i, k, label) {
  for (i = 1; i <= nkeys; i++) {
    k = order[i]
    if (k !~ /^load\./) continue
    label = substr(k, 6)
    gsub(/_/, " ", label)
    print "- " label ": load average " F[k]
  }
}
function sort(a, n,   i, j, t) {
  for (i = 2; i <= n; i++) {
    t = a[i]
    for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]
    a[j + 1] = t
  }
}
function median(a, n) {
  sort(a, n)
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

# --- run.sh: speed ----------------------------------------------------------------------------

# want SECTION: whether the run ran the section (row "sections", from ONLY); a run from before
# that row ran overhead and storms.
function want(s) { return ("sections" in F) ? index(" " F["sections"] " ", " " s " ") > 0 : s != "jfr" }
# round_ratios A B [FIGURE]: the per-round ratios of A's FIGURE (default rps, req/s) over B's into
# RATIO[1..rounds]; returns how many are known, and sets RANGE ("lo to hi").
function round_ratios(a, b, f,   i, n, x, y) {
  if (f == "") f = "rps"
  n = 0
  for (i = 1; i <= F["overhead_rounds"]; i++) {
    x = v(a "-" i "." f); y = v(b "-" i "." f)
    if (isnum(x) && isnum(y) && y + 0 > 0) RATIO[++n] = sprintf("%.2f", x / y)
  }
  if (n < F["overhead_rounds"] + 0) { RANGE = "n/a"; return 0 }
  sort(RATIO, n)
  RANGE = RATIO[1] " to " RATIO[n]
  return n
}
function cpu_us(name,   i, ticks, requests) {
  for (i = 1; i <= F["overhead_rounds"]; i++) {
    if (!has(name "-" i ".ticks") || !has(name "-" i ".requests") || !has("clk_tck")) return miss(name "-" i ".ticks")
    ticks += F[name "-" i ".ticks"]; requests += F[name "-" i ".requests"]
  }
  return requests > 0 ? sprintf("%.2f", ticks * 1000000 / F["clk_tck"] / requests) : "n/a"
}
# spread NAME: how far apart two runs of the very same thing land: max - min of NAME's req/s
# by round over their mean, in %; n/a when a round is missing.
function spread(name,   j, x, lo, hi, sum) {
  lo = ""; hi = ""; sum = 0
  for (j = 1; j <= F["overhead_rounds"]; j++) {
    x = rps(name "-" j ".rps")
    if (!isnum(x)) return "n/a"
    if (lo == "" || x + 0 < lo + 0) lo = x
    if (hi == "" || x + 0 > hi + 0) hi = x
    sum += x
  }
  return sum > 0 ? sprintf("%.2f", 100 * (hi - lo) / (sum / F["overhead_rounds"])) : "n/a"
}
# median_of NAME FIGURE: the median of NAME's FIGURE (rps or p99_us) over the rounds, printed as
# rps() or ms() print it; n/a when a round is missing.
function median_of(name, f,   j, a) {
  for (j = 1; j <= F["overhead_rounds"]; j++) {
    if (!has(name "-" j "." f)) return miss(name "-" j "." f)
    a[j] = F[name "-" j "." f]
  }
  return f == "rps" ? sprintf("%.0f", median(a, F["overhead_rounds"])) : sprintf("%.1f", median(a, F["overhead_rounds"]) / 1000)
}
# by_round NAME FIGURE: NAME's FIGURE (rps or p99_us) of each round, comma-separated.
function by_round(name, f,   j, out) {
  for (j = 1; j <= F["overhead_rounds"]; j++) {
    out = out (j > 1 ? ", " : "") (f == "rps" ? rps(name "-" j ".rps") : ms(name "-" j "." f))
  }
  return out
}
function run(   R) {
  print "## Figures of " substr(v("date"), 1, 10) " (" v("stamp") ")"
  print ""
  print "- Machine: " machine() "; server " opts() "."
  print "- Load average (1, 5, 15 min) at start: " v("load_start") "; at end: " v("load_end") "."
  print "- wrk " v("machine.wrk") " on the same machine as the server, against 127.0.0.1."
  if (!want("overhead") || !want("jfr") || !want("storms")) print "- Sections run (`ONLY`): " v("sections") "."
  if (want("overhead") || want("jfr")) {
    print "- Overhead runs: " v("overhead_rounds") " rounds of `wrk -t2 -c16 -d" v("overhead_secs") "s` per target after a " v("warmup_secs") "s warm-up."
  }
  if (want("jfr")) {
    print "- Flight Recorder: `/readyz` of two `fast` servers, one started with `" v("jfr.option") "`."
  }
  if (want("storms")) {
    print "- Storms: 64 connections on `/readyz` (`--timeout 5s`) for " v("storm_secs") "s (hung) and " v("spin_secs") "s (spin)"
    print "  with 8 connections on `/business` pausing " v("business_pause_ms") " ms between requests."
  }
  print ""
  print "| scenario | measured | target | verdict |"
  print "|---|---|---|---|"
  R = F["overhead_rounds"]
  if (want("overhead")) overhead_rows(R)
  if (want("jfr")) jfr_rows(R)
  if (want("overhead") || want("jfr")) {
    print "| **wrong answers of the healthy targets** (non-2xx and socket errors, warm-ups included; and one curl per target, which must be 200 with its body) | **" v("overhead.wrong") "** of " v("overhead.answers") (has("overhead.spot_answers") ? " (curl: " F["overhead.spot_wrong"] " of " F["overhead.spot_answers"] ")" : "") " | 0 | " verdict(has("overhead.wrong"), F["overhead.wrong"] == 0) " |"
  }
  if (want("storms")) storm_rows()
}

function overhead_rows(R,   names, labels, i, j, name, rounds, n, med, rangeh, fmed, rangef, d, noise) {
  split("const healthz filter plain", names, " ")
  labels["const"] = "`/const-ok`"
  labels["healthz"] = "`/healthz`, one fast check,"
  labels["filter"] = "`/business` with the filter,"
  labels["plain"] = "`/business` without the filter,"
  for (i = 1; i <= 4; i++) {
    name = names[i]
    rounds = ""
    for (j = 1; j <= R; j++) rounds = rounds (j > 1 ? ", " : "") rps(name "-" j ".rps")
    print "| " labels[name] " req/s by round; p99 of the last; server CPU per request | " rounds "; " ms(name "-" R ".p99_us") " ms; " cpu_us(name) " µs | | |"
  }
  n = round_ratios("healthz", "const")
  med = n ? median(RATIO, n) : "n/a"; rangeh = RANGE
  print "| **`/healthz` / `/const-ok`**, median of " R " paired rounds (range) | **x" med "** (" rangeh "); CPU per request " ratio(cpu_us("const"), cpu_us("healthz")) " | >= x" v("limit.min_healthz_ratio") " | " verdict(n && has("limit.min_healthz_ratio"), med + 0 >= F["limit.min_healthz_ratio"] + 0) " |"
  n = round_ratios("filter", "plain")
  fmed = n ? median(RATIO, n) : "n/a"; rangef = RANGE
  d = n ? sprintf("%.2f", 100 * (fmed > 1 ? fmed - 1 : 1 - fmed)) : "n/a"
  # The noise: how far apart two runs of the very same thing land, from the rounds of the plain server.
  noise = spread("plain")
  print "| **`/business` with / without the filter**, median of " R " paired rounds (range) | **x" fmed "** (" rangef "), difference " d " % | within noise (spread of the plain server's rounds " noise " %) | " verdict(n && isnum(noise), d + 0 <= noise + 0) " |"
}

# jfr_rows: /readyz of the same fast server with a Flight Recorder recording (jfr) and without
# (ready), and isoprobe's events in the recording.
function jfr_rows(R,   names, labels, i, j, k, name, n, med, range, pn, pmed, prange, d, noise, types, answers) {
  split("ready jfr", names, " ")
  labels["ready"] = "`/readyz`, one fast check, no recording,"
  labels["jfr"] = "`/readyz`, the same server recording (JFR, default settings),"
  for (i = 1; i <= 2; i++) {
    name = names[i]
    print "| " labels[name] " req/s by round; p99 by round; server CPU per request | " by_round(name, "rps") "; " by_round(name, "p99_us") " ms; " cpu_us(name) " µs | | |"
  }
  n = round_ratios("jfr", "ready")
  med = n ? median(RATIO, n) : "n/a"; range = RANGE
  pn = round_ratios("jfr", "ready", "p99_us")
  pmed = pn ? median(RATIO, pn) : "n/a"; prange = RANGE
  d = n ? sprintf("%.2f", 100 * (med > 1 ? med - 1 : 1 - med)) : "n/a"
  noise = spread("ready")
  print "| **`/readyz` with / without a JFR recording**, median of " R " paired rounds (range) | **x" med "** req/s (" range "), difference " d " %; p99 **x" pmed "** (" prange "), median p99 " median_of("jfr", "p99_us") " against " median_of("ready", "p99_us") " ms; server CPU per request " ratio(cpu_us("jfr"), cpu_us("ready")) " (with / without) | negligible: within noise (spread of the no-recording server's rounds " noise " %) | " verdict(n && isnum(noise), d + 0 <= noise + 0) " |"
  # Answers of the recording server, warm-up and the curl included, against its events.
  answers = v("warm-jfr.requests")
  for (j = 1; j <= R; j++) answers = isnum(answers) && isnum(v("jfr-" j ".requests")) ? answers + F["jfr-" j ".requests"] : "n/a"
  if (isnum(answers)) answers++
  types = ""
  for (k = 1; k <= nkeys; k++) {
    if (order[k] !~ /^jfr\.events\./ || order[k] == "jfr.events.isoprobe") continue
    types = types (types == "" ? "" : ", ") "`" substr(order[k], 12) "` " F[order[k]]
  }
  print "| isoprobe's events in that recording (`jfr summary`; warm-up included) | **" v("jfr.events.isoprobe") "**" (types == "" ? "" : " (" types ")") "; per `/readyz` answer of that server: " (isnum(answers) && has("jfr.events.isoprobe") ? sprintf("%.3f", F["jfr.events.isoprobe"] / answers) : "n/a") "; recording " (has("jfr.bytes") ? sprintf("%.1f MiB", F["jfr.bytes"] / 1048576) : miss("jfr.bytes")) " | > 0 (the script exits 1 otherwise) | " verdict(has("jfr.events.isoprobe"), F["jfr.events.isoprobe"] + 0 > 0) " |"
}

function storm_rows(   limit, i, m, secs, p, p99, x) {
  limit = sprintf("%.2f", F["limit.deadline_ms"] * (1 + F["limit.p99_slack_pct"] / 100))
  for (i = 1; i <= 2; i++) {
    m = i == 1 ? "hung" : "spin"
    secs = i == 1 ? v("storm_secs") : v("spin_secs")
    p = m "-probe"
    print "| " m " storm: probe answers in " secs "s (503s, wrk timeouts) | " v(p ".requests") " (" v(p ".status") ", " v(p ".timeout") ") | every probe answered: 0 timeouts | " verdict(has(p ".timeout"), F[p ".timeout"] == 0) " |"
    p99 = ms(p ".p99_us")
    print "| " m " storm: probe latency p50 / p99 / max | " ms(p ".p50_us") " / " p99 " / " ms(p ".max_us") " ms | p99 <= " limit " ms (deadline " v("limit.deadline_ms") " ms + " v("limit.p99_slack_pct") " %) | " verdict(isnum(p99) && has("limit.deadline_ms") && has("limit.p99_slack_pct"), p99 + 0 <= limit + 0) " |"
    print "| " m " storm: business p50 / p99 / max, baseline | " lat3(m "-base") " ms, " rps(m "-base.rps") " req/s | | |"
    print "| " m " storm: business p50 / p99 / max, during storm | " lat3(m "-busy") " ms, " rps(m "-busy.rps") " req/s | unchanged | p99 " ratio(v(m "-busy.p99_us"), v(m "-base.p99_us")) " |"
    p = m ".threads"
    x = v(p ".back_s")
    print "| " m " storm: JVM threads before / during (min-max) / " v("after_secs") "s after | " v(p ".before") " / " v(p ".min") "-" v(p ".max") " / " v(p ".last") " | flat, back to " v(p ".before") " within " v("after_secs") "s | " verdict(has(p ".back_s"), isnum(x) && x + 0 <= F["after_secs"] + 0) " (back after " (isnum(x) ? x " s" : x) ") |"
    p = m ".iso"
    print "| " m " storm: isoprobe threads before / max during / after | " v(p ".before") " / " v(p ".max") " / " v(p ".last") " | <= the isoprobe pools (" v("limit.isoprobe_pools") ") | " verdict(has(p ".max") && has("limit.max_isoprobe_threads"), F[p ".max"] + 0 <= F["limit.max_isoprobe_threads"] + 0) " |"
  }
  print ""
  print "The spinning check ignores interrupts, so no JVM can stop its thread: one isoprobe thread"
  print "stays after the spin storm by design, and the JVM count cannot return to its start."
  print ""
  print "JVM threads, one sample a second:"
  print ""
  for (i = 1; i <= 2; i++) {
    m = i == 1 ? "hung" : "spin"
    print "- `" m "`: before: " F[m ".series.before"] " | storm: " F[m ".series.storm"] " | after: " F[m ".series.after"]
  }
  print ""
  print "A probe's answer during each storm (`/readyz?verbose`, 2 s in):"
  for (i = 1; i <= 2; i++) {
    m = i == 1 ? "hung" : "spin"
    print ""
    print "- `" m "`: `" v(m ".verbose") "`"
  }
}

# --- suite.sh: isoprobe vs Actuator -------------------------------------------------------------

# cell TARGET WHAT: one figure of one target (a storm name for the storm rows).
function cell(t, what,   a, n, i, s, st) {
  if (what == "ready_rps") return rps(t "-ready.rps")
  if (what == "ready_p99") return ms(t "-ready.p99_us")
  if (what == "hello_rps") return rps(t "-hello.rps")
  if (what == "ready_vs_hello") return ratio(rps(t "-ready.rps"), rps(t "-hello.rps"))
  if (what == "answered") return v(t "-probe.requests")
  if (what == "latency") return F[t "-probe.requests"] == "0" ? "none answered" : lat3(t "-probe")
  if (what == "wrk_timeouts") return v(t "-probe.timeout")
  if (what == "base" || what == "busy") return ms(t "-" what ".p50_us") " / " ms(t "-" what ".p99_us") " ms, " rps(t "-" what ".rps") "/s"
  if (what == "threads") return v(t ".threads.before") " / " v(t ".threads.min") "-" v(t ".threads.max") " / " v(t ".threads.after")
  if (what == "rss") return mib(t ".rss_kb.before") " / " mib(t ".rss_kb.max")
  if (what == "iso") return v(t ".iso_max")
  if (what == "shutdown") {
    s = t "-shutdown"
    n = split(v(s ".statuses"), a, " ")
    st = ""
    for (i = 1; i <= n; i++) st = st (i > 1 ? "," : "") a[i]
    return v(s ".answered") "/" v(s ".probes") " (" st "), exit " v(s ".exit") " after " v(s ".exit_ms") " ms"
  }
  if (what == "shutdown_body") return md(substr(v(t "-shutdown.1.body"), 1, 80))
  if (what == "retry") return v(t "-retry.attempts") " / " v(t "-retry.answered") " / " v(t "-retry.timeout") " / " v(t "-retry.error")
  if (what == "retry_threads") return v(t ".retry_threads.before") " / " v(t ".retry_threads.max") " / " v(t ".retry_threads.after")
  if (what ~ /^sim_/) return t == "jetty" ? "-" : v(t ".sim." substr(what, 5))
  print "render.awk: no cell " what > "/dev/stderr"
  return "?"
}
function row(label, what, extra) {
  print "| " label " | " cell("jetty", what) " | " cell("boot", what) " | " cell("actuator", what) " | " extra " |"
}
function suite(   n, i, names) {
  print "# Scenario suite, " v("stamp")
  print ""
  print "- Date: " v("date") ". Machine: " machine() "; apps " opts() "; wrk and the apps on the same machine."
  print "- Load average at the end: " v("load_end") " (per scenario below; the machine is shared)."
  print "- Targets: **jetty** = `examples/jetty-app` (embedded Jetty 12, isoprobe, `/readyz`);"
  print "  **boot** = `examples/spring-boot-app` on Tomcat with the isoprobe starter (`/readyz`);"
  print "  **actuator** = the same jar with `isoprobe.enabled=false`, probed on `/actuator/health/readiness`"
  print "  (group `readinessState,db`). Both Spring targets run with `isoprobe.shutdown.drain-delay=0s`."
  print "- Hang modes: jetty blocks on a latch and ends on isoprobe's interrupt at the deadline (storm) or"
  print "  spins ignoring interrupts (spin storm); the Spring `db` indicator waits on a latch and swallows"
  print "  interrupts, so both Spring storms are the uninterruptible case."
  print ""
  print "| scenario | jetty (isoprobe) | boot (isoprobe) | actuator | boot / actuator |"
  print "|---|---|---|---|---|"
  row("overhead: healthy readiness req/s (16 conns)", "ready_rps", ratio(cell("boot", "ready_rps"), cell("actuator", "ready_rps")))
  row("overhead: healthy readiness p99 ms", "ready_p99", "")
  row("overhead: `/hello` req/s (16 conns)", "hello_rps", ratio(cell("boot", "hello_rps"), cell("actuator", "hello_rps")))
  row("overhead: readiness / `/hello`", "ready_vs_hello", "")
  row("storm: probes answered in " v("storm_secs") "s (64 conns)", "answered", ratio(cell("boot", "answered"), cell("actuator", "answered")))
  row("storm: probe p50 / p99 / max ms (deadline " v("limit.deadline_ms") ")", "latency", "")
  row("storm: wrk timeout count (5 s, counted per check, not per probe)", "wrk_timeouts", "")
  row("storm: `/hello` p50 / p99, rate, before", "base", "")
  row("storm: `/hello` p50 / p99, rate, during", "busy", "")
  row("storm: JVM threads before / during min-max / " v("after_secs") "s after", "threads", "")
  row("storm: RSS MiB before / max", "rss", "")
  row("storm: isoprobe threads, max", "iso", "")
  row("shutdown: 4 probes on a 2 s check, SIGTERM at 0.5 s: answered, exit", "shutdown", "")
  row("shutdown: first probe's body", "shutdown_body", "")
  row("retry: 16 clients, 1 s timeout, " v("retry_secs") "s: attempts / answered / timed out / errors", "retry", "")
  row("retry: JVM threads before / max / " v("after_secs") "s after", "retry_threads", "")
  row("probe-sim: restarts (dependency hangs " v("sim_hang_secs") "s)", "sim_restarts", "")
  row("probe-sim: pod unready after (settings: 4.8 .. 6.8 s)", "sim_unready", "")
  row("probe-sim: liveness probes", "sim_live", "")
  row("probe-sim: LB checks (24 callers)", "sim_lb", "")
  row("probe-sim: all probes", "sim_all", "")
  row("probe-sim: threads", "sim_threads", "")
  print ""
  print "Spin storm (jetty, `EXAMPLE_CHECK_MODE=spin`, " v("spin_secs") "s): answered " cell("jetty-spin", "answered") ","
  print "p50 / p99 / max " cell("jetty-spin", "latency") " ms, `/hello` before " cell("jetty-spin", "base") ", during " cell("jetty-spin", "busy") ","
  print "JVM threads before / during / after " cell("jetty-spin", "threads") ", isoprobe threads max " cell("jetty-spin", "iso") "."
  print ""
  print "What a probe said 2 s into each storm (`?verbose`):"
  print ""
  n = split("jetty boot actuator jetty-spin", names, " ")
  for (i = 1; i <= n; i++) print "- " names[i] ": `" substr(v(names[i] ".verbose"), 1, 120) "`"
  print ""
  print "Load average per scenario:"
  print ""
  loads()
  print ""
  print "![JVM threads during the storm](storm-threads.png)"
  print "![JVM threads under the retrying prober](retry-threads.png)"
  print "![probe latency during the storm](storm-latency.png)"
}

# --- suite.sh --soak ---------------------------------------------------------------------------

function soak() {
  print "# Soak, " v("stamp")
  print ""
  print "- Date: " v("date") ". Machine: " machine() "; apps " opts() "; wrk and the apps on the same machine."
  print "- The Jetty example with `EXAMPLE_CHECK_MODE=cycle`: healthy, blocked (interruptible),"
  print "  spinning (ignores interrupts), " v("soak_cycle_ms") " ms each, for " v("soak_secs") " s (" int(F["soak_secs"] / 60) " min);"
  print "  16 connections on `/readyz` and 4 paced connections on `/hello` throughout."
  print ""
  print "| figure | value |"
  print "|---|---|"
  print "| probes answered (rate) | " v("soak-probe.requests") " (" rps("soak-probe.rps") "/s) |"
  print "| probe p50 / p99 / max ms | " lat3("soak-probe") " |"
  print "| wrk errors on probes: connect / read / write / timeout | " errors4("soak-probe") " |"
  print "| `/hello` answered, non-2xx, p99 ms | " v("soak-busy.requests") ", " v("soak-busy.status") ", " ms("soak-busy.p99_us") " |"
  print "| `/readyz?verbose` once a second: 200 / 503 / other | " v("soak.statuses.200") " / " v("soak.statuses.503") " / " v("soak.statuses.other") " |"
  print "| JVM threads first / min / max / last during the soak | " v("soak.threads.first") " / " v("soak.threads.min") " / " v("soak.threads.max") " / " v("soak.threads.last") " |"
  print "| RSS MiB first / max / last | " mib("soak.rss_kb.first") " / " mib("soak.rss_kb.max") " / " mib("soak.rss_kb.last") " |"
  print "| live heap after a full GC, before / after the soak | " mib("soak.heap_kb.before") " MiB / " mib("soak.heap_kb.after") " MiB |"
  print "| isoprobe threads, max | " v("soak.iso_max") " |"
  print "| ERROR lines in the app log | " v("soak.errors") " |"
  print ""
  print "JVM threads, one sample every 10 s: " v("soak.series")
  print ""
  loads()
}

# --- scale.sh -------------------------------------------------------------------------------------

function scale(   n, i, a, b, pct) {
  print "# Scale, " v("stamp")
  print ""
  print "- Date: " v("date") ". Machine: " v("machine.cores") " cores, " v("machine.model") ","
  print "  " v("machine.mem") "; load average " v("load_start") " at the start, " v("load_end") " at the end."
  print "- The Jetty example after a " v("warmup_secs") " s warm-up (16 connections, check healthy), then check hung"
  print "  (blocks; isoprobe interrupts it at the " v("limit.deadline_ms") " ms deadline), " opts() ","
  print "  `JETTY_HEADER_CACHE_SIZE=" v("jetty_header_cache_size") "`;"
  print "  `wrk -t2 -c" v("conns") " -d" v("scale_secs") "s --timeout 5s` on `/readyz`, 8 paced connections on `/hello`."
  print ""
  print "| figure | value |"
  print "|---|---|"
  print "| connections established to the app, " v("scale_secs") "/2 s in (`ss`) | " v("established") " of " v("conns") " |"
  print "| probes answered (rate) | " v("scale-probe.requests") " (" rps("scale-probe.rps") "/s) |"
  print "| probe p50 / p90 / p99 / max ms, as wrk saw them | " ms("scale-probe.p50_us") " / " ms("scale-probe.p90_us") " / " ms("scale-probe.p99_us") " / " ms("scale-probe.max_us") " |"
  print "| probes answered more than 25 ms past their deadline, counted from when the filter saw them (isoprobe's log) | " v("late.count") ", worst " v("late.worst_ms") " ms past the deadline; by second: " F["late.by_second"] " |"
  print "| wrk errors: connect / read / write / timeout | " errors4("scale-probe") " |"
  print "| `/hello` p50 / p99 / max ms, answered | " lat3("scale-busy") ", " v("scale-busy.requests") " |"
  print "| JVM threads before / during min-max / " v("after_secs") " s after | " v("threads.before") " / " v("threads.min") "-" v("threads.max") " / " v("threads.after") " |"
  print "| isoprobe threads, max | " v("iso_max") " |"
  print "| RSS MiB before / max / last | " mib("rss_kb.first") " / " mib("rss_kb.max") " / " mib("rss_kb.last") " |"
  print ""
  n = split(v("scale-probe.pct"), a, " ")
  pct = ""
  for (i = 1; i <= n; i++) {
    if (split(a[i], b, ":") == 2) pct = pct sprintf("p%s %.0f, ", b[1], b[2] / 1000)
  }
  print "Latency by percentile (ms): " pct
  print ""
  print "JVM threads each second: " v("threads.series")
}

# --- shutdown.sh ------------------------------------------------------------------------------

function shutdown(   r, i, p, st) {
  print "# Shutdown with probes in flight, " v("stamp")
  print ""
  print "- Date: " v("date") ". Machine: " machine() "; app " opts() "."
  print "- The Jetty example, check " v("check_ms") " ms, " v("probes") " probes, SIGTERM after " v("sigterm_after") " s,"
  print "  deadline " v("probe_deadline_ms") " ms, drain delay " v("drain_delay_ms") " ms, stop timeout " v("stop_timeout_ms") " ms."
  print "  Status 000: no HTTP answer (a reset or a refused connection)."
  print ""
  print "| run | probes answered | statuses | exit code | SIGTERM to exit |"
  print "|---|---|---|---|---|"
  for (r = 1; r <= F["runs"]; r++) {
    p = "run" r
    print "| " r " | " v(p ".answered") "/" v(p ".probes") " | " v(p ".statuses") " | " v(p ".exit") " | " v(p ".exit_ms") " ms |"
  }
  print ""
  print "| run | probe | status | after | body |"
  print "|---|---|---|---|---|"
  for (r = 1; r <= F["runs"]; r++) {
    for (i = 1; i <= F["run" r ".probes"]; i++) {
      p = "run" r "." i
      st = v(p ".secs")
      print "| " r " | " i " | " v(p ".status") " | " (isnum(st) ? st " s" : st) " | " md(F[p ".body"]) " |"
    }
  }
}
