-- wrk script: plain GETs, printing throughput and latency percentiles in one parseable line each.
done = function(summary, latency, requests)
  io.write(string.format("requests=%d duration_s=%.1f rps=%.0f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    (summary.errors.status or 0) + (summary.errors.connect or 0) + (summary.errors.read or 0)
      + (summary.errors.write or 0) + (summary.errors.timeout or 0)))
  io.write(string.format("latency_ms p50=%.2f p90=%.2f p99=%.2f max=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
