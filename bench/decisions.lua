-- wrk script for POST /v1/decisions: cycles through the generated bodies (one JSON document per line).
-- The argument after `--` is the bodies file. WRK_PAUSE_MS in the environment sets a pause before each request on
-- a connection, which holds the offered rate near connections * 1000 / (pause + latency): plain wrk has no rate
-- option, and wrk2 is not packaged in Debian. wrk decides whether a script paces before it calls init, so the
-- pause comes from the environment, read when the script loads.
local bodies = {}
local next_body = 0
local pause = tonumber(os.getenv("WRK_PAUSE_MS") or "0")

function init(args)
    for line in io.lines(args[1]) do
        bodies[#bodies + 1] = line
    end
    next_body = math.random(#bodies)
end

function request()
    next_body = next_body % #bodies + 1
    return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[next_body])
end

if pause > 0 then
    function delay()
        return pause
    end
end

-- one JSON line that http.sh parses; latencies in microseconds
function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format(
        '{"requests": %d, "duration_us": %d, "rps": %.1f, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
        '"p999_us": %d, "max_us": %d, "non2xx": %d, "socket_errors": %d}\n',
        summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
        latency.max, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
