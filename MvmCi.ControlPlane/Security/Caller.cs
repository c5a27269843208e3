namespace MvmCi.ControlPlane.Security;

/// <summary>Who a request's key belongs to: its id, name, role and submit rate (null: the default).</summary>
public sealed record Caller(string Id, string Name, string Role, int? SubmitsPerMinute)
{
    /// <summary>The id the deployment's bootstrap admin key (<see cref="AccessOptions.AdminKey"/>) is shown with.</summary>
    public const string BootstrapId = "bootstrap";
}
