using System.CommandLine;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci push app.wasm --name app@1</c>: upload a module; prints its digest and name@version.</summary>
public static class PushCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The .wasm module to upload." };
        var name = new Option<string?>("--name", "-n") { Description = "Bind the module to name@version, e.g. app@1 (versions are immutable)." };
        var command = new Command("push", "Upload a WebAssembly module to the registry.") { file, name };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetRequiredValue(file);
            var (moduleName, version) = SplitReference(parsed.GetValue(name));
            if (!path.Exists)
            {
                throw new FileNotFoundException($"no file {path.FullName}", path.FullName);
            }
            using var client = CommonOptions.ClientFor(parsed);
            await using var wasm = path.OpenRead();
            var pushed = await client.PushModuleAsync(wasm, moduleName, version, cancellationToken);
            var module = pushed.Module;
            var alias = module.Name is null ? "" : $" {module.Name}@{module.Version}";
            await parsed.InvocationConfiguration.Output.WriteLineAsync($"{module.Digest}{alias}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static (string? Name, string? Version) SplitReference(string? reference)
    {
        if (reference is null)
        {
            return (null, null);
        }
        var at = reference.LastIndexOf('@');
        if (at <= 0 || at == reference.Length - 1)
        {
            throw new UsageException($"--name must be name@version, e.g. app@1 (got '{reference}')");
        }
        return (reference[..at], reference[(at + 1)..]);
    }
}
