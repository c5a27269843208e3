namespace MvmCi.ControlPlane.Security;

/// <summary>Who a request's key belongs to: its id, name, role, and its own submit and upload rates (null: the defaults).</summary>
public sealed record Caller(string Id, string Name, string Role, int? SubmitsPerMinute, int? UploadsPerMinute)
{
    /// <summary>The id the deployment's bootstrap admin key (<see cref="AccessOptions.AdminKey"/>) is shown with.</summary>
    public const string BootstrapId = "bootstrap";
}
