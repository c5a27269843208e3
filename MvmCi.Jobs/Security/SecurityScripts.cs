namespace MvmCi.Jobs.Security;

/// <summary>The Lua scripts that change a key or a secret and its index together.</summary>
internal static class SecurityScripts
{
    /// <summary>KEYS: the key's hash, the index. ARGV: id, created (ms), then field/value pairs. Answers 0 when the id is taken.</summary>
    public const string CreateApiKey = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], unpack(ARGV, 3))
        redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
        return 1
        """;

    /// <summary>KEYS: the key's hash, the index. ARGV: id, the revocation channel. Answers 0 for an unknown id.</summary>
    public const string RevokeApiKey = """
        if redis.call('DEL', KEYS[1]) == 0 then return 0 end
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('PUBLISH', ARGV[2], ARGV[1])
        return 1
        """;

    /// <summary>KEYS: the secret's hash, the index. ARGV: name, updated (ms), ciphertext, updatedAt. Answers 1 when it is new.</summary>
    public const string SetSecret = """
        local created = redis.call('EXISTS', KEYS[1]) == 0
        redis.call('HSET', KEYS[1], 'value', ARGV[3], 'updatedAt', ARGV[4])
        redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
        if created then return 1 end
        return 0
        """;

    /// <summary>KEYS: the secret's hash, the index. ARGV: name. Answers 0 for an unknown name.</summary>
    public const string DeleteSecret = """
        if redis.call('DEL', KEYS[1]) == 0 then return 0 end
        redis.call('ZREM', KEYS[2], ARGV[1])
        return 1
        """;
}
