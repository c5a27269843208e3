using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MvmCi.Cli.Client;

/// <summary>Turns an error answer into the <see cref="MvmCiApiException"/> whose message is the line the user sees.</summary>
public static class ApiErrors
{
    public const string KeyHint = "pass --api-key or set MVMCI_API_KEY";

    public static async Task<MvmCiApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var fallback = $"the server answered {status} {response.ReasonPhrase}".TrimEnd();
        var (title, detail) = (default(string), default(string));
        try
        {
            (title, detail) = Problem(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException)
        {
            // The body could not be read: the status line still says what happened.
        }
        var joined = (title, detail) switch
        {
            (not null, not null) => $"{title}: {detail}",
            _ => title ?? detail,
        };
        // For 401 and 403 the detail alone says it (which key, which role is needed); a title like "Forbidden" adds nothing.
        var message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $"{detail ?? title ?? fallback} ({KeyHint})",
            HttpStatusCode.Forbidden => detail ?? title ?? fallback,
            HttpStatusCode.TooManyRequests => $"{joined ?? fallback} ({RetryHint(response)})",
            _ => joined ?? fallback,
        };
        return new MvmCiApiException(status, message);
    }

    private static string RetryHint(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } at ? at - DateTimeOffset.UtcNow : null);
        if (wait is not { } delay)
        {
            return "retry later";
        }
        var seconds = Math.Max(0, (long)Math.Ceiling(delay.TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture, $"retry after {seconds} {(seconds == 1 ? "second" : "seconds")}");
    }

    /// <summary>The <c>title</c> and <c>detail</c> of an RFC 7807 problem; nulls when the body is not one.</summary>
    private static (string? Title, string? Detail) Problem(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }
            return (Text(root, "title"), Text(root, "detail"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
