namespace MvmCi.Jobs.Redis;

/// <summary>
/// Lua scripts that put a job back in its queue: for a retry (now or after a backoff), when a worker
/// hands it back on drain, and when a user asks for another attempt. The job's old entry is
/// acknowledged in the same step, so a job is queued by at most one live entry at any time.
/// </summary>
internal static class QueueScripts
{
    /// <summary>
    /// Lua function shared by the scripts below: appends a job to the stream of its queue and priority
    /// (creating the group if needed), records the entry on the job and wakes the queue's workers.
    /// </summary>
    private const string EnqueueFunction = """
        local function enqueue(prefix, group, id)
          local job = prefix .. ':job:' .. id
          local v = redis.call('HMGET', job, 'queue', 'priority', 'traceparent')
          local priority = v[2] or '0'
          local stream = prefix .. ':queue:' .. v[1]
          if priority ~= '' and priority ~= '0' then stream = stream .. ':' .. priority end
          redis.pcall('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
          local entry = redis.call('XADD', stream, '*', 'job', id, 'traceparent', v[3] or '')
          redis.call('HSET', job, 'streamEntry', entry, 'nextAttemptAt', '')
          redis.call('PUBLISH', prefix .. ':wake:' .. v[1], priority)
          return entry
        end

        """;

    /// <summary>
    /// KEYS: job hash, stream of the old entry, job events stream, delayed set, deadlines set.
    /// ARGV: status-set prefix, job id, allowed from (space separated), fencing ('' none, else the
    /// attempt that must hold), group, old entry to ack ('' none), time (ISO 8601), detail,
    /// due time in ms ('' = queue now), key prefix, earliest deadline in ms for the deadlines set ('' none),
    /// then field/value pairs.
    /// Returns { outcome, status, attempt } with outcome ok | missing | state | fenced.
    /// </summary>
    public const string Requeue = EnqueueFunction + """
        local status = redis.call('HGET', KEYS[1], 'status')
        if not status then return { 'missing', '', '0' } end
        local attempt = redis.call('HGET', KEYS[1], 'attempt') or '0'
        local allowed = false
        for s in string.gmatch(ARGV[3], '%S+') do
          if s == status then allowed = true end
        end
        if not allowed then return { 'state', status, attempt } end
        if ARGV[4] ~= '' and ARGV[4] ~= attempt then return { 'fenced', status, attempt } end
        local fields = { 'status', 'pending', 'cancelRequested', '0', 'streamEntry', '' }
        for i = 12, #ARGV do fields[#fields + 1] = ARGV[i] end
        redis.call('HSET', KEYS[1], unpack(fields))
        redis.call('ZREM', ARGV[1] .. status, ARGV[2])
        redis.call('ZADD', ARGV[1] .. 'pending', 0, ARGV[2])
        redis.call('ZREM', ARGV[10] .. ':finished', ARGV[2])
        if ARGV[6] ~= '' then redis.call('XACK', KEYS[2], ARGV[5], ARGV[6]) end
        redis.call('XADD', KEYS[3], 'MAXLEN', '~', '1000', '*',
          'status', 'pending', 'from', status, 'attempt', attempt, 'at', ARGV[7], 'detail', ARGV[8])
        if ARGV[11] ~= '' then redis.call('ZADD', KEYS[5], ARGV[11], ARGV[2]) end
        if ARGV[9] == '' then
          enqueue(ARGV[10], ARGV[5], ARGV[2])
        else
          redis.call('ZADD', KEYS[4], ARGV[9], ARGV[2])
        end
        return { 'ok', 'pending', attempt }
        """;

    /// <summary>
    /// Queues the delayed jobs that are due. KEYS: delayed set. ARGV: now in ms, most to move, key
    /// prefix, group. Stream keys are derived from each job's queue (single Redis instance).
    /// Returns how many were queued.
    /// </summary>
    public const string Promote = EnqueueFunction + """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        local moved = 0
        for _, id in ipairs(due) do
          redis.call('ZREM', KEYS[1], id)
          if redis.call('HGET', ARGV[3] .. ':job:' .. id, 'status') == 'pending' then
            enqueue(ARGV[3], ARGV[4], id)
            moved = moved + 1
          end
        end
        return moved
        """;

    /// <summary>
    /// Fails the pending jobs whose queue-wait or total deadline passed before any attempt started
    /// (reasons <c>queue_timeout</c>, <c>total_timeout</c>); their stream entries are acknowledged when a
    /// worker meets them. KEYS: deadlines set, this minute's counters. ARGV: now in ms, most to handle, key
    /// prefix, now (ISO 8601), counter TTL seconds, finished channel.
    /// Returns how many expired.
    /// </summary>
    public const string ExpirePending = """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        local expired = 0
        for _, id in ipairs(due) do
          redis.call('ZREM', KEYS[1], id)
          local job = ARGV[3] .. ':job:' .. id
          local v = redis.call('HMGET', job, 'status', 'queueDeadlineMs', 'totalDeadlineMs', 'attempt')
          local now = tonumber(ARGV[1])
          local reason = nil
          if v[1] == 'pending' then
            if v[3] and v[3] ~= '' and tonumber(v[3]) <= now then reason = 'total_timeout'
            elseif v[2] and v[2] ~= '' and tonumber(v[2]) <= now then reason = 'queue_timeout' end
          end
          if reason then
            redis.call('HSET', job, 'status', 'failed', 'failureReason', reason, 'finishedAt', ARGV[4],
              'failureMessage', 'No attempt started in time: ' .. reason .. '.', 'nextAttemptAt', '')
            redis.call('ZREM', ARGV[3] .. ':jobs:pending', id)
            redis.call('ZADD', ARGV[3] .. ':jobs:failed', 0, id)
            redis.call('ZREM', ARGV[3] .. ':delayed', id)
            redis.call('HINCRBY', KEYS[2], 'failed', 1)
            redis.call('EXPIRE', KEYS[2], ARGV[5])
            redis.call('ZADD', ARGV[3] .. ':finished', ARGV[1], id)
            redis.call('PUBLISH', ARGV[6], id)
            redis.call('XADD', job .. ':events', 'MAXLEN', '~', '1000', '*',
              'status', 'failed', 'from', 'pending', 'attempt', v[4] or '0', 'at', ARGV[4], 'detail', reason)
            redis.call('XADD', ARGV[3] .. ':deadletter', 'MAXLEN', '~', '100000', '*',
              'job', id, 'reason', reason, 'attempt', v[4] or '0', 'at', ARGV[4])
            expired = expired + 1
          end
        end
        return expired
        """;
}
