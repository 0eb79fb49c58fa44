package jp.jpkigate.feed.outbox.redis;

/**
 * The outbox's Lua scripts ({@link OutboxKeys} describes the keys). Each runs atomically on the one
 * slot of a business: {@code KEYS[1]} is the business's stream (it routes the call), {@code ARGV[1]}
 * the key prefix, from which the per-event and per-consent keys are built (all in the same slot).
 *
 * <p>The per-consent gate: {@code q:<consent>} lists the consent's undelivered jtis in order and
 * only its head is ever added to the delivery stream ("released"). Acknowledging or giving up the
 * head pops it and releases the next one; a retry moves the head from the stream to the retry
 * schedule and the consent stays blocked behind it. Every settlement first checks that the event is
 * still the head and, where it names one, still the same release (stream entry id), so repeated or
 * late settlements are no-ops; replaying any script changes nothing more.
 */
final class OutboxScripts {
    private OutboxScripts() {
    }

    private static final String PRELUDE = """
            local p = ARGV[1]
            local stream = KEYS[1]
            local function release(jti)
              if redis.call('EXISTS', stream) == 0 then
                redis.call('XGROUP', 'CREATE', stream, 'delivery', '0', 'MKSTREAM')
              end
              local id = redis.call('XADD', stream, '*', 'jti', jti)
              redis.call('HSET', p .. 'ev:' .. jti, 's', id)
            end
            local function unrelease(id)
              redis.call('XACK', stream, 'delivery', id)
              redis.call('XDEL', stream, id)
              redis.call('ZREM', p .. 'inflight', id)
            end
            local function advance(consent)
              local q = p .. 'q:' .. consent
              redis.call('LPOP', q)
              local head = redis.call('LINDEX', q, 0)
              if head then release(head) end
            end
            """;

    /** ARGV p, jti, consent, created ms, JWE, dedupe ms → 1 enqueued, 0 seen before. */
    static final LuaScript ENQUEUE = new LuaScript(PRELUDE + """
            local jti = ARGV[2]
            local ev = p .. 'ev:' .. jti
            if redis.call('EXISTS', ev) == 1 then return 0 end
            if not redis.call('SET', p .. 'seen:' .. jti, '1', 'NX', 'PX', ARGV[6]) then return 0 end
            redis.call('HSET', ev, 'c', ARGV[3], 't', ARGV[4], 'b', ARGV[4], 'j', ARGV[5], 'a', 0, 's', '', 'd', '')
            redis.call('INCR', p .. 'depth')
            if redis.call('RPUSH', p .. 'q:' .. ARGV[3], jti) == 1 then release(jti) end
            return 1
            """);

    /**
     * ARGV p, consumer, now ms, in-flight-until ms, max → {more, {id, jti, consent, created, JWE,
     * failed attempts, retrying since}...}: first entries whose in-flight time ran out (XCLAIM),
     * then new ones (XREADGROUP); each is in flight for the consumer until the given time.
     */
    static final LuaScript CLAIM = new LuaScript(PRELUDE + """
            local out = {}
            local max = tonumber(ARGV[5])
            local inflight = p .. 'inflight'
            local function take(id, fields)
              local jti = fields[2]
              local f = redis.call('HMGET', p .. 'ev:' .. jti, 'c', 't', 'j', 'a', 'b', 's')
              if not f[1] or f[6] ~= id then
                unrelease(id)
                return
              end
              redis.call('ZADD', inflight, ARGV[4], id)
              out[#out + 1] = {id, jti, f[1], f[2], f[3], f[4], f[5]}
            end
            local more = 0
            local due = redis.call('ZRANGEBYSCORE', inflight, '-inf', ARGV[3], 'LIMIT', 0, max)
            if #due > 0 then
              if #due == max then more = 1 end
              redis.call('ZREM', inflight, unpack(due))
              local claimed = redis.call('XCLAIM', stream, 'delivery', ARGV[2], 0, unpack(due))
              for _, e in ipairs(claimed) do
                if type(e) == 'table' and type(e[2]) == 'table' then take(e[1], e[2]) end
              end
            end
            local left = max - #out
            if left > 0 and redis.call('EXISTS', stream) == 1 then
              local r = redis.call('XREADGROUP', 'GROUP', 'delivery', ARGV[2], 'COUNT', left, 'STREAMS', stream, '>')
              if r then
                local entries = r[1][2]
                for _, e in ipairs(entries) do take(e[1], e[2]) end
                if #entries == left and #redis.call('XRANGE', stream, '(' .. entries[#entries][1], '+', 'COUNT', 1) > 0 then
                  more = 1
                end
              end
            elseif left <= 0 then
              more = 1
            end
            return {more, out}
            """);

    /** ARGV p, jti → created ms when acknowledged, -1 when unknown, dead or not the head. */
    static final LuaScript ACKNOWLEDGE = new LuaScript(PRELUDE + """
            local jti = ARGV[2]
            local ev = p .. 'ev:' .. jti
            local f = redis.call('HMGET', ev, 'c', 't', 's', 'd')
            if not f[1] or f[4] ~= '' then return -1 end
            if redis.call('LINDEX', p .. 'q:' .. f[1], 0) ~= jti then return -1 end
            if f[3] ~= '' then unrelease(f[3]) end
            redis.call('ZREM', p .. 'retry', jti)
            redis.call('DEL', ev)
            redis.call('DECR', p .. 'depth')
            advance(f[1])
            return tonumber(f[2])
            """);

    /** ARGV p, jti, delivery id, at ms → 1 scheduled, 0 when not that release. */
    static final LuaScript RETRY = new LuaScript(PRELUDE + """
            local ev = p .. 'ev:' .. ARGV[2]
            if redis.call('HGET', ev, 's') ~= ARGV[3] then return 0 end
            unrelease(ARGV[3])
            redis.call('HSET', ev, 's', '')
            redis.call('HINCRBY', ev, 'a', 1)
            redis.call('ZADD', p .. 'retry', ARGV[4], ARGV[2])
            return 1
            """);

    /** ARGV p, jti, delivery id or "", err, description, at ms → 1 dead-lettered, 0 not applicable. */
    static final LuaScript GIVE_UP = new LuaScript(PRELUDE + """
            local jti = ARGV[2]
            local ev = p .. 'ev:' .. jti
            local f = redis.call('HMGET', ev, 'c', 's', 'd')
            if not f[1] or f[3] ~= '' then return 0 end
            if ARGV[3] ~= '' and f[2] ~= ARGV[3] then return 0 end
            if redis.call('LINDEX', p .. 'q:' .. f[1], 0) ~= jti then return 0 end
            if f[2] ~= '' then unrelease(f[2]) end
            redis.call('ZREM', p .. 'retry', jti)
            local id = redis.call('XADD', p .. 'dead', '*', 'jti', jti, 'c', f[1], 'err', ARGV[4], 'desc', ARGV[5], 'at', ARGV[6])
            redis.call('HSET', ev, 's', '', 'd', id)
            redis.call('SADD', p .. 'dq:' .. f[1], jti)
            redis.call('DECR', p .. 'depth')
            advance(f[1])
            return 1
            """);

    /** ARGV p, jti, now ms → 1 re-queued behind its consent's events, 0 not a dead letter. */
    static final LuaScript REQUEUE = new LuaScript(PRELUDE + """
            local jti = ARGV[2]
            local ev = p .. 'ev:' .. jti
            local f = redis.call('HMGET', ev, 'c', 'd')
            if not f[1] or not f[2] or f[2] == '' then return 0 end
            redis.call('XDEL', p .. 'dead', f[2])
            redis.call('SREM', p .. 'dq:' .. f[1], jti)
            redis.call('HSET', ev, 'd', '', 'a', 0, 'b', ARGV[3])
            redis.call('INCR', p .. 'depth')
            if redis.call('RPUSH', p .. 'q:' .. f[1], jti) == 1 then release(jti) end
            return 1
            """);

    /** ARGV p, consent → events deleted (queued, ready, in flight, retrying and dead). */
    static final LuaScript DROP_CONSENT = new LuaScript(PRELUDE + """
            local q = p .. 'q:' .. ARGV[2]
            local dq = p .. 'dq:' .. ARGV[2]
            local n = 0
            for _, jti in ipairs(redis.call('LRANGE', q, 0, -1)) do
              local ev = p .. 'ev:' .. jti
              local s = redis.call('HGET', ev, 's')
              if s and s ~= '' then unrelease(s) end
              redis.call('ZREM', p .. 'retry', jti)
              redis.call('DEL', ev)
              redis.call('DECR', p .. 'depth')
              n = n + 1
            end
            for _, jti in ipairs(redis.call('SMEMBERS', dq)) do
              local ev = p .. 'ev:' .. jti
              local d = redis.call('HGET', ev, 'd')
              if d and d ~= '' then redis.call('XDEL', p .. 'dead', d) end
              redis.call('DEL', ev)
              n = n + 1
            end
            redis.call('DEL', q, dq)
            return n
            """);

    /** ARGV p, now ms, max → how many due retries were released again. */
    static final LuaScript RELEASE_DUE = new LuaScript(PRELUDE + """
            local retry = p .. 'retry'
            local due = redis.call('ZRANGEBYSCORE', retry, '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, jti in ipairs(due) do
              redis.call('ZREM', retry, jti)
              if redis.call('HGET', p .. 'ev:' .. jti, 's') == '' then release(jti) end
            end
            return #due
            """);
}
