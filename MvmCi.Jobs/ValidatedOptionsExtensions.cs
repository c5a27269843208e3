using Microsoft.Extensions.DependencyInjection;

namespace MvmCi.Jobs;

/// <summary>Options bound from a configuration section and validated when the host starts, so a bad value stops the service at once.</summary>
public static class ValidatedOptionsExtensions
{
    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class
    {
        services.AddOptions<TOptions>()
            .BindConfiguration(sectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
