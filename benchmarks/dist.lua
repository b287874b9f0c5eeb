-- Appended after result.lua: also prints the latency distribution, one "PCT <percentile> <us>"
-- line each, for the suite's percentile plot. Nothing is printed when no request was answered.
local summary_done = done
done = function(summary, latency, requests)
  summary_done(summary, latency, requests)
  if summary.requests == 0 then
    return
  end
  for _, p in ipairs({ 0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97, 98, 99, 99.5, 99.9 }) do
    io.write(string.format("PCT %g %d\n", p, latency:percentile(p)))
  end
  io.write(string.format("PCT 100 %d\n", latency.max))
end
