namespace MvmCi.Cli.Client;

/// <summary>One event of a <c>text/event-stream</c> answer.</summary>
public sealed record ServerSentEvent(string? Id, string Event, string Data);
