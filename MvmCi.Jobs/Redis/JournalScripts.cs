namespace MvmCi.Jobs.Redis;

/// <summary>The journal's fenced writes.</summary>
internal static class JournalScripts
{
    /// <summary>KEYS: job hash, journal list. ARGV: attempt, expected length, entries….</summary>
    public const string Append = """
        if redis.call('HGET', KEYS[1], 'attempt') ~= ARGV[1] then return 'fenced' end
        if redis.call('LLEN', KEYS[2]) ~= tonumber(ARGV[2]) then return 'conflict' end
        for i = 3, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
        return 'ok'
        """;

    /// <summary>KEYS: job hash, journal list. ARGV: attempt, index, entry.</summary>
    public const string Replace = """
        if redis.call('HGET', KEYS[1], 'attempt') ~= ARGV[1] then return 'fenced' end
        if tonumber(ARGV[2]) >= redis.call('LLEN', KEYS[2]) then return 'conflict' end
        redis.call('LSET', KEYS[2], ARGV[2], ARGV[3])
        return 'ok'
        """;
}
