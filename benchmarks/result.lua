-- Prints wrk's summary as one machine-readable line for benchmarks/run.sh.
-- Latencies are in microseconds; "status" counts non-2xx/3xx answers, whose latency wrk still
-- records (a 503 from a probe is an answer, and its latency is what the storm measures).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f status=%d connect=%d read=%d write=%d timeout=%d"
      .. " p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.0f\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end
