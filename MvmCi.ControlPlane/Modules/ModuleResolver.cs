using System.Collections.Concurrent;
using MvmCi.Jobs.Redis;

namespace MvmCi.ControlPlane.Modules;

/// <summary>
/// Resolves the module reference of each submit, remembering what it found, so a submit costs one Redis round
/// trip less. An answer can only go stale through a delete: a name@version is bound to its bytes for good
/// (versions are immutable) and a digest names the same bytes forever. A submit of a deleted module is refused
/// by the submit script itself, and the caller then <see cref="Forget"/>s the reference and resolves it again.
/// References that resolve to nothing are not remembered, so an upload is usable at once.
/// </summary>
public sealed class ModuleResolver(ModuleStore modules, TimeProvider time)
{
    /// <summary>How long an answer is used (bounds the one thing a delete can leave stale: argv[0] of a digest reference).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>At most this many references are remembered; past it, all are forgotten at once.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (string Digest, string Name, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    /// <summary>The digest and the name the guest sees as argv[0]; null when the reference is unknown.</summary>
    public async ValueTask<(string Digest, string Name)?> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_known.TryGetValue(reference, out var known) && known.Until > now)
        {
            return (known.Digest, known.Name);
        }
        if (await modules.ResolveForRunAsync(reference, cancellationToken).ConfigureAwait(false) is not var (digest, name))
        {
            _known.TryRemove(reference, out _);
            return null;
        }
        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }
        _known[reference] = (digest, name, now + Lifetime);
        return (digest, name);
    }

    /// <summary>Drops what is known of the reference (its module was found deleted).</summary>
    public void Forget(string reference) => _known.TryRemove(reference, out _);
}
