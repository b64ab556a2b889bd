-- wrk script: the echo submit of echo.lua, paced to a fixed total rate (issue 2 §5: p99 < 50 ms at 5,000 ops/s).
-- Usage: wrk -t2 -c200 -d15s --latency -s echo-paced.lua URL -- <rate> <threads>
-- Each wrk thread has one Lua state shared by its connections, so the schedule is per thread: every request
-- takes the thread's next slot, rate/threads per second. A request behind schedule goes at once, and wrk times
-- each request from its own send, so this is not corrected for coordinated omission; keep the connections well
-- above rate x latency so that no slot waits for a free connection (the run's achieved rate shows it).
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } keel_timeval;
  int gettimeofday(keel_timeval *tv, void *tz);
]]
local tv = ffi.new("keel_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

wrk.method = "POST"
wrk.path = "/api/v1/operations?wait=1000"
wrk.body = '{"agent":"echo","input":{"n":1}}'
wrk.headers["Content-Type"] = "application/json"

local interval_ms
local next_at

function init(args)
  local rate = tonumber(args[1] or "5000")
  local threads = tonumber(args[2] or "2")
  interval_ms = threads * 1000 / rate
end

function delay()
  local now = now_ms()
  if next_at == nil then next_at = now end
  local wait = next_at - now
  next_at = next_at + interval_ms
  if wait < 0 then return 0 end
  return wait
end

done = function(summary, latency, requests)
  io.write(string.format("requests=%d duration_s=%.1f rps=%.0f non2xx_or_socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    (summary.errors.status or 0) + (summary.errors.connect or 0) + (summary.errors.read or 0)
      + (summary.errors.write or 0) + (summary.errors.timeout or 0)))
  io.write(string.format("latency_ms p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
