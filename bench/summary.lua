-- wrk script: prints one machine-readable line at the end, read by bench/run.sh.
-- Latencies are in microseconds; "bad" counts non-2xx/3xx answers and socket errors.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  local bad = errors.status + errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format("BENCH %d %.1f %d %d %d %d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50), latency:percentile(99),
    math.floor(summary.bytes / math.max(summary.requests, 1)), bad))
end
