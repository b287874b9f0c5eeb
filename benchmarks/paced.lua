-- Business traffic at a steady pace: each connection waits BUSINESS_PAUSE_MS between requests,
-- so its latency shows interference from the probes, not queueing at CPU saturation.
-- wrk starts a request's clock when the request is written, so the pause is not in the latency.
local pause = tonumber(os.getenv("BUSINESS_PAUSE_MS") or "10")

delay = function()
  return pause
end
