using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace MvmCi.Bench.Systems;

/// <summary>
/// Every log line of the AppHost and of its resources (the services' stdout/stderr as Aspire forwards them), into one
/// file instead of the console, counting per resource the lines the services logged as errors (<c>fail:</c>/<c>crit:</c>).
/// </summary>
public sealed partial class ResourceLogFile : ILoggerProvider
{
    private const string ResourcePrefix = "MvmCi.AppHost.Resources.";

    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);

    public ResourceLogFile(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _writer = new StreamWriter(path, append: true) { AutoFlush = false };
        Path = path;
    }

    public string Path { get; }

    /// <summary>Error lines seen so far, by resource.</summary>
    public IReadOnlyDictionary<string, int> ErrorLines => _errors;

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void Write(string category, LogLevel level, string message)
    {
        var resource = category.StartsWith(ResourcePrefix, StringComparison.Ordinal) ? category[ResourcePrefix.Length..] : null;
        // The services' console logger colours its level names; the file is for reading.
        message = AnsiEscape().Replace(message, "");
        if (resource is not null && (level >= LogLevel.Error || ErrorLine().IsMatch(message)))
        {
            _errors.AddOrUpdate(resource, 1, (_, n) => n + 1);
        }
        lock (_gate)
        {
            _writer.Write(resource ?? category);
            _writer.Write(' ');
            _writer.WriteLine(message);
        }
    }

    [GeneratedRegex(@"\b(fail|crit): ")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();

    private sealed class FileLogger(ResourceLogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var message = formatter(state, exception);
            file.Write(category, logLevel, exception is null ? message : message + " " + exception);
        }
    }
}
