-- wrk script: the echo submit of echo.lua, paced to a fixed total rate (issue 2 §5: p99 < 50 ms at 5,000 ops/s),
-- with latencies corrected for coordinated omission.
-- Usage: wrk -t2 -c200 -d15s -s echo-paced.lua URL -- <rate> <threads>
--
-- Pacing: each wrk thread has one Lua state shared by its connections, so the schedule is per thread: every
-- request takes the thread's next slot, rate/threads per second, and waits for it (delay()). A request whose slot
-- has passed goes at once.
--
-- Correction: wrk times a request from its own send, so a stall that holds back later sends hides in its figures.
-- Here each request carries its slot (the intended send time, in microseconds) inside its W3C traceparent trace id,
-- which Keel's edge echoes on every answer; response() measures from that slot. Slots go out in order (delay()
-- hands them out in order and wrk fires the delay timers in order), so request() takes the oldest unsent slot.
-- The corrected percentiles come from a per-thread histogram, merged in done(); wrk's own (uncorrected)
-- percentiles are printed beside them.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } keel_timeval;
  int gettimeofday(keel_timeval *tv, void *tz);
]]
local tv = ffi.new("keel_timeval")
local function now_us()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000000 + tonumber(tv.tv_usec)
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local path = "/api/v1/operations?wait=1000"
local body = '{"agent":"echo","input":{"n":1}}'
local headers = { ["Content-Type"] = "application/json" }

local interval_us
local next_at
-- slots handed out by delay() and not yet sent by request(): a FIFO of intended send times
local slots, first, last = {}, 1, 0
-- histogram of corrected latencies: bucket = floor(latency_us / 100), i.e. 0.1 ms wide (read back by done())
hist = {}
answered = 0
unmatched = 0

function init(args)
  local rate = tonumber(args[1] or "5000")
  local n = tonumber(args[2] or "2")
  interval_us = n * 1000000 / rate
end

function delay()
  local now = now_us()
  if next_at == nil then next_at = now end
  local slot = next_at
  next_at = next_at + interval_us
  last = last + 1
  slots[last] = slot
  local wait_ms = (slot - now) / 1000
  if wait_ms < 0 then return 0 end
  return wait_ms
end

function request()
  local slot = now_us()
  if first <= last then
    slot = slots[first]
    slots[first] = nil
    first = first + 1
  end
  -- trace id: 16 hex digits of the slot, then 16 of padding; span id fixed; sampled
  headers["traceparent"] = string.format("00-%016x0000000000000001-00f067aa0ba902b7-01", slot)
  return wrk.format("POST", path, headers, body)
end

function response(status, response_headers, response_body)
  local trace = response_headers["traceparent"] or response_headers["Traceparent"]
  local slot = trace and tonumber(string.sub(trace, 4, 19), 16)
  if slot == nil then
    unmatched = unmatched + 1
    return
  end
  local bucket = math.floor((now_us() - slot) / 100)
  if bucket < 0 then bucket = 0 end
  hist[bucket] = (hist[bucket] or 0) + 1
  answered = answered + 1
end

local function percentile(merged, total, p)
  local want = math.ceil(total * p / 100)
  local seen = 0
  local keys = {}
  for b in pairs(merged) do keys[#keys + 1] = b end
  table.sort(keys)
  for _, b in ipairs(keys) do
    seen = seen + merged[b]
    if seen >= want then return (b + 1) / 10 end
  end
  return 0
end

done = function(summary, latency, requests)
  io.write(string.format("requests=%d duration_s=%.1f rps=%.0f non2xx_or_socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    (summary.errors.status or 0) + (summary.errors.connect or 0) + (summary.errors.read or 0)
      + (summary.errors.write or 0) + (summary.errors.timeout or 0)))
  io.write(string.format("latency_ms (uncorrected, wrk) p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
  local merged, total, lost = {}, 0, 0
  for _, thread in ipairs(threads) do
    for b, n in pairs(thread:get("hist")) do
      merged[b] = (merged[b] or 0) + n
      total = total + n
    end
    lost = lost + thread:get("unmatched")
  end
  if total == 0 then
    io.write("latency_ms (corrected, from intended send) none measured\n")
    return
  end
  io.write(string.format(
    "latency_ms (corrected, from intended send) p50=%.1f p90=%.1f p99=%.1f p99.9=%.1f max=%.1f answers=%d unmatched=%d\n",
    percentile(merged, total, 50), percentile(merged, total, 90), percentile(merged, total, 99),
    percentile(merged, total, 99.9), percentile(merged, total, 100), total, lost))
end
