-- wrk script for bench/soak.sh: alternates GET /hello and GET /about, and stops each thread
-- after its share of the requests (SOAK_REQUESTS_PER_THREAD).
local limit = tonumber(os.getenv("SOAK_REQUESTS_PER_THREAD") or "0")
local paths = { "/hello", "/about" }
local sent = 0
local answered = 0

request = function()
  sent = sent + 1
  return wrk.format("GET", paths[sent % 2 + 1])
end

response = function(status, headers, body)
  answered = answered + 1
  if limit > 0 and answered >= limit then
    wrk.thread:stop()
  end
end
