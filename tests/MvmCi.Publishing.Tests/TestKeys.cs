namespace MvmCi.Publishing.Tests;

/// <summary>
/// Key values the tests hand to docker-compose, as an operator would: long enough for the services, and never
/// expected in a generated file.
/// </summary>
internal static class TestKeys
{
    public const string ServiceVariable = "MVMCI_SERVICE_KEY";
    public const string AdminVariable = "MVMCI_ADMIN_KEY";
    public const string ServiceKey = "service-key-of-the-publishing-tests";
    public const string AdminKey = "admin-key-of-the-publishing-tests";

    public static IReadOnlyDictionary<string, string> Both { get; } =
        new Dictionary<string, string> { [ServiceVariable] = ServiceKey, [AdminVariable] = AdminKey };

    /// <summary>Both keys, but <paramref name="variable"/> set to <paramref name="value"/>, or left unset when that is null.</summary>
    public static IReadOnlyDictionary<string, string> With(string variable, string? value) =>
        Both.Where(v => v.Key != variable)
            .Concat(value is null ? [] : [KeyValuePair.Create(variable, value)])
            .ToDictionary(v => v.Key, v => v.Value);
}
