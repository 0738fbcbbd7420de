-- wrk script: POSTs one AdmissionReview file again and again to the validating (or mutating) hook.
--   REVIEW=path/to/review.json wrk -t2 -c16 -d20s -s bench/admission.lua http://127.0.0.1:8080/k8s/validate
local path = os.getenv("REVIEW")
local file = assert(io.open(path, "rb"), "set REVIEW to an AdmissionReview JSON file")
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
file:close()

function done(summary, latency, requests)
    io.write(string.format("p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
