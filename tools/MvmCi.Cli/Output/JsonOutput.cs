using System.Text.Json;
using MvmCi.Cli.Client;

namespace MvmCi.Cli.Output;

/// <summary><c>--output json</c>: the answer in the API's own shape (camelCase), indented.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new(MvmCiClient.Json) { WriteIndented = true };

    public static Task WriteAsync<T>(TextWriter output, T value) => output.WriteLineAsync(JsonSerializer.Serialize(value, Indented));
}
