-- wrk script for the visit-write benchmark: completes prepared, checked-in visits, each exactly once. Each wrk thread
-- takes every n-th id of the file; the connection count decides the concurrency.
--   wrk -t2 -c16 -d10s -s bench/complete.lua http://127.0.0.1:5080 -- IDS_FILE TOKEN
local ids = {}
local token = ""
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  thread:set("nthreads", 0)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  local all = {}
  for line in io.lines(args[1]) do all[#all + 1] = line end
  token = args[2]
  local n = tonumber(args[3]) or 2
  for i = id, #all, n do ids[#ids + 1] = all[i] end
  next_index = 1
end

function request()
  local visit = ids[next_index] or ids[#ids]
  next_index = next_index + 1
  return wrk.format("POST", "/api/home-visits/" .. visit .. "/complete",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"confirmation":{"by":"self"},"distanceKm":2.5}')
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format("wrk requests=%d rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
