namespace MvmCi.Jobs.Redis;

/// <summary>
/// The Lua scripts that change job state. Each runs atomically in Redis, so a job is never half
/// created and a status never moves against the state machine. StackExchange.Redis caches them by SHA.
/// </summary>
internal static class JobScripts
{
    /// <summary>
    /// Creates the job hash, indexes it and appends it to its queue stream; with an idempotency key,
    /// only when the key is new (the key remembers the job and a hash of the request body).
    /// KEYS: job hash, all-jobs set, pending set, queue stream (of the job's priority), job events stream,
    /// idempotency key, deadlines set, the queue's priority-levels set, module hash, the module's job set,
    /// queue-names set, this minute's counters.
    /// ARGV: job id, traceparent, wake channel, consumer group, time (ISO 8601), body hash ('' for no
    /// idempotency key), idempotency TTL seconds, earliest deadline in ms ('' none), priority, queue name,
    /// counter TTL seconds, then field/value pairs.
    /// Returns { 'created', id }, { 'existing', id of the earlier job, its body hash } or { 'nomodule' }
    /// (the module was deleted since it was resolved). The group is
    /// created here (at id 0) if missing, so no entry is ever added to a stream workers do not read yet.
    /// Publishing on the wake channel lets idle workers read at once instead of at their next poll.
    /// </summary>
    public const string Submit = """
        if ARGV[6] ~= '' then
          local earlier = redis.call('HMGET', KEYS[6], 'job', 'body')
          if earlier[1] then return { 'existing', earlier[1], earlier[2] } end
        end
        if redis.call('EXISTS', KEYS[9]) == 0 then return { 'nomodule', '' } end
        if redis.call('EXISTS', KEYS[1]) == 1 then
          return redis.error_reply('EXISTS job already exists')
        end
        local fields = {}
        if ARGV[6] ~= '' then
          redis.call('HSET', KEYS[6], 'job', ARGV[1], 'body', ARGV[6])
          redis.call('EXPIRE', KEYS[6], ARGV[7])
          fields = { 'idempotencyKey', KEYS[6] }
        end
        for i = 12, #ARGV do fields[#fields + 1] = ARGV[i] end
        redis.call('HSET', KEYS[1], unpack(fields))
        if ARGV[8] ~= '' then redis.call('ZADD', KEYS[7], ARGV[8], ARGV[1]) end
        redis.call('SADD', KEYS[8], ARGV[9])
        redis.call('SADD', KEYS[11], ARGV[10])
        redis.call('HINCRBY', KEYS[12], 'submitted', 1)
        redis.call('EXPIRE', KEYS[12], ARGV[11])
        redis.call('ZADD', KEYS[10], 0, ARGV[1])
        redis.pcall('XGROUP', 'CREATE', KEYS[4], ARGV[4], '0', 'MKSTREAM')
        local entry = redis.call('XADD', KEYS[4], '*', 'job', ARGV[1], 'traceparent', ARGV[2])
        redis.call('XADD', KEYS[5], 'MAXLEN', '~', '1000', '*', 'status', 'pending', 'from', '', 'attempt', '0', 'at', ARGV[5], 'detail', 'submitted')
        redis.call('HSET', KEYS[1], 'streamEntry', entry)
        redis.call('ZADD', KEYS[2], 0, ARGV[1])
        redis.call('ZADD', KEYS[3], 0, ARGV[1])
        redis.call('PUBLISH', ARGV[3], ARGV[9])
        return { 'created', ARGV[1] }
        """;

    /// <summary>
    /// Moves a job from one of the allowed statuses to the target status, guarded by the attempt
    /// (fencing token), writes the given fields, appends the move to the job's event stream and,
    /// when a group is given, acknowledges the stream entry in the same step, so an entry is acked
    /// only together with its stored outcome.
    /// KEYS: job hash, queue stream, job events stream, dead-letter stream, this minute's counters (a
    /// move into a terminal status is counted there), the finished set (a final job is added with the time).
    /// ARGV: status-set prefix, job id, allowed from (space separated), target,
    /// fencing ('' none, '+' start a new attempt, otherwise the attempt that must hold),
    /// group ('' for no ack), entry id to ack, entry the job must currently be queued by ('' no check),
    /// time (ISO 8601), event detail, dead-letter reason ('' none: otherwise the job is also recorded on
    /// the dead-letter stream), counter TTL seconds, finished channel (the job id is published there when it
    /// reaches a final status), start detail and start time ('' none: a claimed job is first moved to running in
    /// the same step, with its own event at that time — the outcome of a guest that ended before its worker wrote
    /// "running"), then field/value pairs.
    /// Returns { outcome, status, attempt } with outcome ok | missing | state | fenced | stale.
    /// </summary>
    public const string Transition = """
        local status = redis.call('HGET', KEYS[1], 'status')
        if not status then return { 'missing', '', '0' } end
        local attempt = tonumber(redis.call('HGET', KEYS[1], 'attempt') or '0')
        if ARGV[8] ~= '' and redis.call('HGET', KEYS[1], 'streamEntry') ~= ARGV[8] then
          return { 'stale', status, tostring(attempt) }
        end
        local from = status
        if ARGV[14] ~= '' and status == 'claimed' then from = 'running' end
        local allowed = false
        for s in string.gmatch(ARGV[3], '%S+') do
          if s == from then allowed = true end
        end
        if not allowed then return { 'state', status, tostring(attempt) } end
        if ARGV[5] == '+' then
          attempt = attempt + 1
        elseif ARGV[5] ~= '' and tonumber(ARGV[5]) ~= attempt then
          return { 'fenced', status, tostring(attempt) }
        end
        if from ~= status then
          redis.call('XADD', KEYS[3], 'MAXLEN', '~', '1000', '*',
            'status', from, 'from', status, 'attempt', tostring(attempt), 'at', ARGV[15], 'detail', ARGV[14])
        end
        local fields = { 'status', ARGV[4], 'attempt', tostring(attempt) }
        for i = 16, #ARGV do fields[#fields + 1] = ARGV[i] end
        redis.call('HSET', KEYS[1], unpack(fields))
        local final = false
        if status ~= ARGV[4] then
          redis.call('ZREM', ARGV[1] .. status, ARGV[2])
          redis.call('ZADD', ARGV[1] .. ARGV[4], 0, ARGV[2])
          if ARGV[4] == 'completed' or ARGV[4] == 'failed' or ARGV[4] == 'cancelled' then
            redis.call('HINCRBY', KEYS[5], ARGV[4], 1)
            redis.call('EXPIRE', KEYS[5], ARGV[12])
            local t = redis.call('TIME')
            redis.call('ZADD', KEYS[6], t[1] * 1000 + math.floor(t[2] / 1000), ARGV[2])
            final = true
          end
        end
        redis.call('XADD', KEYS[3], 'MAXLEN', '~', '1000', '*',
          'status', ARGV[4], 'from', from, 'attempt', tostring(attempt), 'at', ARGV[9], 'detail', ARGV[10])
        if ARGV[6] ~= '' then
          redis.call('XACK', KEYS[2], ARGV[6], ARGV[7])
        end
        if ARGV[11] ~= '' then
          redis.call('XADD', KEYS[4], 'MAXLEN', '~', '100000', '*',
            'job', ARGV[2], 'reason', ARGV[11], 'attempt', tostring(attempt), 'at', ARGV[9])
        end
        if final then redis.call('PUBLISH', ARGV[13], ARGV[2]) end
        return { 'ok', ARGV[4], tostring(attempt) }
        """;

    /// <summary>
    /// Cancels a job. KEYS: job hash, job events stream, this minute's counters, the finished set. ARGV: status-set prefix, job id,
    /// time, cancel channel, counter TTL seconds, finished channel.
    /// Returns { outcome, status } with outcome missing | cancelled (it was pending) | requested (its worker is
    /// told) | finished.
    /// </summary>
    public const string Cancel = """
        local status = redis.call('HGET', KEYS[1], 'status')
        if not status then return { 'missing', '' } end
        local attempt = redis.call('HGET', KEYS[1], 'attempt') or '0'
        if status == 'pending' then
          redis.call('HSET', KEYS[1], 'status', 'cancelled', 'finishedAt', ARGV[3], 'failureReason', 'cancelled',
            'failureMessage', 'Cancelled before it started.')
          redis.call('ZREM', ARGV[1] .. 'pending', ARGV[2])
          redis.call('ZADD', ARGV[1] .. 'cancelled', 0, ARGV[2])
          redis.call('HINCRBY', KEYS[3], 'cancelled', 1)
          redis.call('EXPIRE', KEYS[3], ARGV[5])
          local t = redis.call('TIME')
          redis.call('ZADD', KEYS[4], t[1] * 1000 + math.floor(t[2] / 1000), ARGV[2])
          redis.call('PUBLISH', ARGV[6], ARGV[2])
          redis.call('XADD', KEYS[2], 'MAXLEN', '~', '1000', '*',
            'status', 'cancelled', 'from', status, 'attempt', attempt, 'at', ARGV[3], 'detail', 'cancelled while queued')
          return { 'cancelled', 'cancelled' }
        end
        if status == 'claimed' or status == 'running' then
          if redis.call('HGET', KEYS[1], 'cancelRequested') ~= '1' then
            redis.call('HSET', KEYS[1], 'cancelRequested', '1')
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', '1000', '*',
              'status', status, 'from', status, 'attempt', attempt, 'at', ARGV[3], 'detail', 'cancel requested')
          end
          redis.call('PUBLISH', ARGV[4], ARGV[2])
          return { 'requested', status }
        end
        return { 'finished', status }
        """;

    /// <summary>
    /// Renews a running job's lease: resets the idle time of its stream entry (XCLAIM JUSTID by its
    /// owner), but only while this worker still owns the entry and the attempt is still the job's.
    /// KEYS: queue stream, job hash. ARGV: group, consumer, entry id, attempt.
    /// Returns { outcome, cancelRequested } with outcome ok | lost | fenced.
    /// </summary>
    public const string RenewLease = """
        local attempt = redis.call('HGET', KEYS[2], 'attempt')
        local status = redis.call('HGET', KEYS[2], 'status')
        if attempt ~= ARGV[4] or (status ~= 'claimed' and status ~= 'running') then
          return { 'fenced', '0' }
        end
        local owner = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
        if #owner == 0 or owner[1][2] ~= ARGV[2] then return { 'lost', '0' } end
        redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
        return { 'ok', redis.call('HGET', KEYS[2], 'cancelRequested') or '0' }
        """;

    /// <summary>
    /// Stores a module's bytes and metadata (once per digest) and, when given, its name@version alias.
    /// A name@version already bound to other bytes is refused: versions are immutable.
    /// KEYS: bytes key, metadata hash, modules set, alias key ('' none).
    /// ARGV: digest, created-at score, bytes, name@version ('' none), then metadata field/value pairs.
    /// Returns { outcome, digest } with outcome created | exists | conflict.
    /// </summary>
    public const string PutModule = """
        if ARGV[4] ~= '' then
          local bound = redis.call('GET', KEYS[4])
          if bound and bound ~= ARGV[1] then return { 'conflict', bound } end
        end
        local outcome = 'exists'
        if redis.call('EXISTS', KEYS[2]) == 0 then
          local fields = {}
          for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
          redis.call('SET', KEYS[1], ARGV[3])
          redis.call('HSET', KEYS[2], unpack(fields))
          redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
          outcome = 'created'
        end
        if ARGV[4] ~= '' then
          redis.call('SET', KEYS[4], ARGV[1])
          local aliases = redis.call('HGET', KEYS[2], 'aliases') or ''
          local present = false
          for a in string.gmatch(aliases, '%S+') do
            if a == ARGV[4] then present = true end
          end
          if not present then
            if aliases == '' then aliases = ARGV[4] else aliases = aliases .. ' ' .. ARGV[4] end
            redis.call('HSET', KEYS[2], 'aliases', aliases)
          end
        end
        return { outcome, ARGV[1] }
        """;

    /// <summary>
    /// Deletes a module, its bytes and all its aliases, unless a job that has not finished uses it.
    /// KEYS: module hash, module bytes, modules set, the module's job set. ARGV: key prefix, digest.
    /// Returns { 'deleted' }, { 'missing' } or { 'inuse', job ids… (up to 10) }. Finished jobs are pruned
    /// from the job set as it is read.
    /// </summary>
    public const string DeleteModule = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return { 'missing' } end
        local busy = {}
        for _, id in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
          local status = redis.call('HGET', ARGV[1] .. ':job:' .. id, 'status')
          if status == 'pending' or status == 'claimed' or status == 'running' then
            if #busy < 10 then busy[#busy + 1] = id end
          else
            redis.call('ZREM', KEYS[4], id)
          end
        end
        if #busy > 0 then return { 'inuse', unpack(busy) } end
        local aliases = redis.call('HGET', KEYS[1], 'aliases') or ''
        for a in string.gmatch(aliases, '%S+') do
          if redis.call('GET', ARGV[1] .. ':alias:' .. a) == ARGV[2] then redis.call('DEL', ARGV[1] .. ':alias:' .. a) end
        end
        redis.call('DEL', KEYS[1], KEYS[2], KEYS[4])
        redis.call('ZREM', KEYS[3], ARGV[2])
        return { 'deleted' }
        """;

    /// <summary>
    /// Removes finished jobs: those final before the cutoff, and the oldest beyond the most to keep. Each goes with
    /// its hash, history, logs and journal, its place in every index, and its idempotency key. A job that is no
    /// longer final (a retry reopened it) only leaves the finished set.
    /// KEYS: finished set (score: when the job became final, in ms). ARGV: key prefix, cutoff in ms, most finished
    /// jobs to keep ('' no limit), most to remove in this call.
    /// Returns how many jobs were removed.
    /// </summary>
    public const string PruneFinished = """
        local prefix = ARGV[1]
        local batch = tonumber(ARGV[4])
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, batch)
        if ARGV[3] ~= '' and #ids < batch then
          local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
          if over > #ids then ids = redis.call('ZRANGE', KEYS[1], 0, math.min(over, batch) - 1) end
        end
        local removed = 0
        for _, id in ipairs(ids) do
          local job = prefix .. ':job:' .. id
          local v = redis.call('HMGET', job, 'status', 'moduleDigest', 'idempotencyKey')
          if v[1] == 'completed' or v[1] == 'failed' or v[1] == 'cancelled' or not v[1] then
            redis.call('DEL', job, job .. ':events', job .. ':logs', job .. ':journal')
            redis.call('ZREM', prefix .. ':jobs', id)
            redis.call('ZREM', prefix .. ':deadlines', id)
            if v[1] then redis.call('ZREM', prefix .. ':jobs:' .. v[1], id) end
            if v[2] then redis.call('ZREM', prefix .. ':module:' .. v[2] .. ':jobs', id) end
            if v[3] and v[3] ~= '' and redis.call('HGET', v[3], 'job') == id then redis.call('DEL', v[3]) end
            removed = removed + 1
          end
          redis.call('ZREM', KEYS[1], id)
        end
        return removed
        """;

    /// <summary>
    /// Trims a queue stream of the entries every consumer group is done with: those before the oldest entry still
    /// pending (delivered, not acknowledged) and not after the group's last delivered entry. What is in flight, what
    /// waits, and the entry a lapsed lease is reclaimed from all stay. KEYS: queue stream. Returns how many went.
    /// </summary>
    public const string TrimQueue = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        local function parse(id)
          local ms, seq = string.match(id, '^(%d+)-(%d+)$')
          return tonumber(ms), tonumber(seq)
        end
        local function older(a, b)
          local am, as = parse(a)
          local bm, bs = parse(b)
          return am < bm or (am == bm and as < bs)
        end
        local keep = nil
        for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
          local name, last = nil, nil
          for i = 1, #group, 2 do
            if group[i] == 'name' then name = group[i + 1] end
            if group[i] == 'last-delivered-id' then last = group[i + 1] end
          end
          local oldest = last
          local pending = redis.call('XPENDING', KEYS[1], name)
          if pending[1] > 0 and older(pending[2], oldest) then oldest = pending[2] end
          if keep == nil or older(oldest, keep) then keep = oldest end
        end
        if keep == nil or keep == '0-0' then return 0 end
        return redis.call('XTRIM', KEYS[1], 'MINID', keep)
        """;

    /// <summary>Sets one field if the job is on the given attempt. KEYS: job hash. ARGV: attempt, field, value.</summary>
    public const string SetIfAttempt = """
        if redis.call('HGET', KEYS[1], 'attempt') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
        return 1
        """;
}
