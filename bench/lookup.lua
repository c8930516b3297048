-- wrk script for the lookup benchmark: replays request paths from a file (one per line) in random order with a
-- bearer token, and prints one parseable line with throughput and latency percentiles (wrk reports microseconds).
--   wrk -t2 -c16 -d10s -s bench/lookup.lua http://127.0.0.1:5080 -- PATHS_FILE TOKEN
local paths = {}
local token = ""

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  token = args[2]
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], { ["Authorization"] = "Bearer " .. token })
end

local statuses = {}
function response(status, headers, body)
  if status >= 400 then statuses[status] = (statuses[status] or 0) + 1 end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local non2xx = summary.errors.status
  io.write(string.format("wrk requests=%d rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, non2xx, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
