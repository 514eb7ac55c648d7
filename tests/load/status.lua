-- wrk script for tests/load/run: sends the bearer token from LOAD_TOKEN
-- (when set) and counts responses per HTTP status across all threads.
-- done() prints machine-readable lines that tests/load/run parses:
--   status CODE COUNT          one per status seen
--   errors CONNECT READ WRITE STATUS TIMEOUT
--   requests N
--   latency_us P50 P99 MAX
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  local token = os.getenv("LOAD_TOKEN")
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts") or {}
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do
    io.write(string.format("status %d %d\n", k, v))
  end
  local e = summary.errors
  io.write(string.format("errors %d %d %d %d %d\n",
    e.connect, e.read, e.write, e.status, e.timeout))
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("latency_us %d %d %d\n",
    latency:percentile(50), latency:percentile(99), latency.max))
end
