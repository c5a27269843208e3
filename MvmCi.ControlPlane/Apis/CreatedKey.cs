namespace MvmCi.ControlPlane.Apis;

/// <summary>A key just created. <see cref="Key"/> is shown here only: it is stored as a hash.</summary>
public sealed record CreatedKey(string Id, string Name, string Role, int? SubmitsPerMinute, int? UploadsPerMinute, DateTimeOffset CreatedAt, string Key);
