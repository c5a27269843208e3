namespace MvmCi.ControlPlane.Jobs;

/// <summary>One entry of a submission's <c>inputs</c>: a blob digest and where it appears under <c>/inputs</c>.</summary>
public sealed record InputFileRequest
{
    public string? Path { get; init; }
    public string? Blob { get; init; }
}
