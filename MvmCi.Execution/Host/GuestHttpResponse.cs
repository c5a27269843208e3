namespace MvmCi.Execution.Host;

/// <summary>What <c>mvmci.http_request</c> gives the guest: an HTTP status, or a negative error code, and the bytes.</summary>
/// <param name="Code">The HTTP status (100–599), or one of <see cref="GuestHttp"/>'s negative error codes.</param>
/// <param name="Body">The response body, or the error message (UTF-8).</param>
public sealed record GuestHttpResponse(int Code, byte[] Body);
