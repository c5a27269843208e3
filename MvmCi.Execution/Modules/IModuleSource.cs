namespace MvmCi.Execution.Modules;

/// <summary>Where the executor gets a module's bytes by digest.</summary>
public interface IModuleSource
{
    /// <summary>The bytes, or null when no module has that digest.</summary>
    Task<byte[]?> GetBytesAsync(string digest, CancellationToken cancellationToken);
}
