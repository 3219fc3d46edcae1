"""The two Lua scripts every shared request runs: admit before sending, finish after.

Each runs atomically in Redis (EVALSHA), so clients in many processes never
race between reading the budget and spending it, and each reads the time
from Redis (``TIME``), so hosts whose clocks disagree still agree on the
windows. Times are milliseconds.

Both take the keys of ``BudgetKeys.for_route``: KEYS[1] the pause (hash:
``until``, ``reason``, ``probe``, ``probe_until``), KEYS[2] the leases in
flight (sorted set, scored by expiry), KEYS[3] the primary budget (hash:
``remaining``, ``reset``, ``limit``, ``sent``), KEYS[4] the route's spends
(sorted set of ``COST:LEASE`` scored by time), KEYS[5] their total and KEYS[6]
the clients seen in the last window (sorted set of client ids by last use).
Numbers travel packed in one space-separated argument (each argument costs
the client an encoding step).
"""

from __future__ import annotations

ADMIT = """
local lease, cost = ARGV[1], tonumber(ARGV[2])
local budget, span, cap, ttl, poll, follow_primary, margin =
  string.match(ARGV[3], '^(%d+) (%d+) (%d+) (%d+) (%d+) (%d) (%d+)$')
budget, span, cap, ttl, poll, margin =
  tonumber(budget), tonumber(span), tonumber(cap), tonumber(ttl), tonumber(poll), tonumber(margin)
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

-- 0. The clients of the credential; one that spent lately and is unknown here
-- finds a Redis that forgot the budget (restarted): it keeps to its share first.
local known = redis.call('ZSCORE', KEYS[6], ARGV[4])
redis.call('ZADD', KEYS[6], now, ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', now - span)
redis.call('PEXPIRE', KEYS[6], span + ttl)
local peers = redis.call('ZCARD', KEYS[6])
if not known and ARGV[5] == '1' then return {0, 0, 'forgotten', peers} end

-- 1. A pause every client keeps; after it, one request probes alone.
local probing = false
local pause = redis.call('HMGET', KEYS[1], 'until', 'reason', 'probe_until')
if pause[1] then
  local ends = tonumber(pause[1])
  if now < ends then return {0, ends - now, pause[2] or 'secondary', peers} end
  if pause[3] and tonumber(pause[3]) > now then return {0, poll, 'probe', peers} end
  probing = true
end

-- 2. The primary budget GitHub last reported, less the requests sent since.
local primary = redis.call('HMGET', KEYS[3], 'remaining', 'sent', 'reset')
local left = primary[1] and tonumber(primary[1]) - tonumber(primary[2] or '0')
if follow_primary == '1' and left and left <= 0 then
  local wait = tonumber(primary[3]) * 1000 + margin - now
  if wait > 0 then return {0, wait, 'primary', peers} end
end

-- 3. The route's points in the last window (``span``), expired spends dropped first.
local spend = budget > 0 and cost > 0
local total = 0
if spend and redis.call('EXISTS', KEYS[4]) == 1 then
  local stored = redis.call('GET', KEYS[5])
  if stored then
    total = tonumber(stored)
  else
    for _, member in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
      total = total + tonumber(string.match(member, '^(%d+)'))
    end
  end
  local expired = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now - span)
  if #expired > 0 then
    for _, member in ipairs(expired) do
      total = total - tonumber(string.match(member, '^(%d+)'))
    end
    redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - span)
    if total < 0 then total = 0 end
    redis.call('SET', KEYS[5], total, 'PX', span + ttl)
  end
  if total > 0 and total + cost > budget then  -- alone in the window, any cost goes
    local missing, freed, wait = total + cost - budget, 0, span
    local oldest = redis.call('ZRANGE', KEYS[4], 0, missing - 1, 'WITHSCORES')
    for i = 1, #oldest, 2 do  -- until enough points expire (or all: the window empties)
      freed = freed + tonumber(string.match(oldest[i], '^(%d+)'))
      wait = tonumber(oldest[i + 1]) + span - now
      if freed >= missing then break end
    end
    return {0, math.max(1, wait), 'points', peers}
  end
end

-- 4. A lease on one of the credential's slots in flight.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= cap then
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {0, math.max(1, math.min(poll, tonumber(first[2]) - now)), 'in_flight', peers}
end

-- Granted: record the lease, the points, the request against the primary budget.
redis.call('ZADD', KEYS[2], now + ttl, lease)
redis.call('PEXPIRE', KEYS[2], ttl)
if spend then
  redis.call('ZADD', KEYS[4], now, cost .. ':' .. lease)
  redis.call('PEXPIRE', KEYS[4], span + ttl)
  redis.call('SET', KEYS[5], total + cost, 'PX', span + ttl)
end
if primary[1] then redis.call('HINCRBY', KEYS[3], 'sent', 1) end
if probing then
  redis.call('HSET', KEYS[1], 'probe', lease, 'probe_until', now + ttl)
  redis.call('PEXPIRE', KEYS[1], ttl)
  return {1, 0, 'probe', peers}
end
return {1, 0, '', peers}
"""
"""ARGV: the lease, its cost (0: no points budget), "BUDGET SPAN CAP TTL POLL
FOLLOW_PRIMARY MARGIN" (budget 0: none; follow primary 1 or 0), the client's id, and
whether it spent within the last window (1 or 0). Returns ``{granted, wait, reason,
clients}``: granted 1 (``reason`` "probe" when this request probes after a pause) or
0 with the milliseconds to wait and why ("secondary", "primary", "probe", "points",
"in_flight", or "forgotten" with no wait); ``clients`` seen in the last window."""

FINISH = """
local lease, cost = ARGV[1], tonumber(ARGV[2])
local span, ttl, margin, kept = string.match(ARGV[3], '^(%d+) (%d+) (%d+) (%d+)$')
span, ttl, margin, kept = tonumber(span), tonumber(ttl), tonumber(margin), tonumber(kept)
local probing, outcome, pause_ms, reason = string.match(ARGV[4], '^(%d) (%a+) (%d+) (%a*)$')
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

redis.call('ZREM', KEYS[2], lease)
redis.call('ZADD', KEYS[6], 'XX', now, ARGV[6])
-- GitHub counted the points when the request arrived, before now: counting them
-- from the answer on keeps the window ahead of GitHub's whatever the latency.
if cost > 0 and redis.call('ZADD', KEYS[4], 'XX', 'CH', now, cost .. ':' .. lease) == 1 then
  redis.call('PEXPIRE', KEYS[4], span + ttl)
  redis.call('PEXPIRE', KEYS[5], span + ttl)
end

-- The primary budget: a later window, or fewer remaining in the same one, is news.
if ARGV[5] ~= '' then
  local remaining, reset, limit = string.match(ARGV[5], '^(%d+) (%d+) (%d+)$')
  remaining, reset = tonumber(remaining), tonumber(reset)
  local known = redis.call('HMGET', KEYS[3], 'remaining', 'reset')
  local expires = reset * 1000 + margin
  if expires > now and (not known[1] or reset > tonumber(known[2])
      or (reset == tonumber(known[2]) and remaining < tonumber(known[1]))) then
    redis.call('HSET', KEYS[3], 'remaining', remaining, 'reset', reset, 'limit', limit, 'sent', 0)
    redis.call('PEXPIRE', KEYS[3], math.min(expires - now, kept))
  end
end

-- A limit pauses every client; a probe answered without one ends the pause.
if outcome == 'limit' then
  local ends = now + tonumber(pause_ms)
  local current = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
  if ends > current then
    redis.call('HSET', KEYS[1], 'until', ends, 'reason', reason)
  else
    ends = current
  end
  redis.call('HDEL', KEYS[1], 'probe', 'probe_until')
  redis.call('PEXPIRE', KEYS[1], ends - now + ttl)
  return ends - now
end
if probing == '1' and redis.call('HGET', KEYS[1], 'probe') == lease then
  if outcome == 'ok' then
    redis.call('DEL', KEYS[1])
  else
    redis.call('HDEL', KEYS[1], 'probe', 'probe_until')
  end
end
return 0
"""
"""ARGV: the lease, the points it spent (0: none), "SPAN TTL MARGIN KEPT" (KEPT: the
longest a primary budget is kept), "PROBING OUTCOME PAUSE REASON" (probing 1 or 0;
outcome "ok", "limit" or "none" for no answer; the pause a limit asks for and its
reason, "secondary" or "primary"), then the primary budget the answer reported as
"REMAINING RESET LIMIT" (reset in epoch seconds), or "" when it reported none, and
the client's id. Returns the milliseconds the credential's pause now lasts (0: none began)."""
