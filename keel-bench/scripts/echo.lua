-- wrk script: POST /api/v1/operations?wait=1000 with the echo agent (issue 2 §5).
wrk.method = "POST"
wrk.path = "/api/v1/operations?wait=1000"
wrk.body = '{"agent":"echo","input":{"n":1}}'
wrk.headers["Content-Type"] = "application/json"

-- `-- uncached` after the URL: the same request with "cache": false. echo is deterministic, so by default its
-- answers are result-cache hits (each still commits its own durable record); uncached, every request is admitted
-- and run by the governor.
function init(args)
  if args[1] == "uncached" then
    wrk.body = '{"agent":"echo","input":{"n":1},"cache":false}'
  end
end

-- No response() callback: wrk counts non-2xx answers itself (summary.errors.status), and a Lua call per
-- response would cost the generator, which shares the server's 2 cores, a good part of its CPU.

done = function(summary, latency, requests)
  io.write(string.format("requests=%d duration_s=%.1f rps=%.0f non2xx_or_socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    (summary.errors.status or 0) + (summary.errors.connect or 0) + (summary.errors.read or 0)
      + (summary.errors.write or 0) + (summary.errors.timeout or 0)))
  io.write(string.format("latency_ms p50=%.2f p90=%.2f p99=%.2f max=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
