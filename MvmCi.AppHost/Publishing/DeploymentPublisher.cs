using Aspire.Hosting.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MvmCi.AppHost.Publishing;

/// <summary>MvmCi's own publisher: Aspire.Hosting.Docker/Kubernetes are not used, <see cref="DeploymentWriter"/> is.</summary>
public static class DeploymentPublisher
{
    /// <summary>
    /// In publish mode only, writes the deployment of <paramref name="plan"/> (see <see cref="DeploymentWriter"/>)
    /// once Aspire's publish pipeline has run, into the directory of the manifest:
    /// <code>
    /// dotnet run --project MvmCi.AppHost -- --publisher manifest --output-path ../deploy/aspire-manifest.json --topology pool --workers 4 --executors 2
    /// </code>
    /// writes <c>deploy/aspire-manifest.json</c> (Aspire) and, beside it, <c>docker-compose.yaml</c>, <c>.env</c>,
    /// <c>k8s/</c>, <c>k8s/keda/</c> and <c>README.md</c>. A relative <c>--output-path</c> is taken from the working
    /// directory, as Aspire's manifest step takes it; <c>dotnet run</c> runs the AppHost in its project folder.
    /// An <c>--output-path</c> that does not end in <c>.json</c> is the directory itself (as with <c>aspire publish -o</c>);
    /// none at all means Aspire's default, <c>aspire-output</c> in the AppHost folder.
    /// </summary>
    /// <exception cref="DistributedApplicationException">The plan cannot be deployed (e.g. no workers).</exception>
    public static void PublishIfRequested(IDistributedApplicationBuilder builder, DeploymentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(plan);
        if (!builder.ExecutionContext.IsPublishMode)
        {
            return;
        }
        try
        {
            plan.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new DistributedApplicationException($"Cannot publish this deployment: {ex.Message}", ex);
        }

        var directory = OutputDirectory(builder.Configuration, builder.AppHostDirectory);
        // AfterPublishEvent comes once the pipeline's steps (the manifest among them) have succeeded.
        builder.Eventing.Subscribe<AfterPublishEvent>((@event, _) =>
        {
            var files = DeploymentWriter.Write(plan, directory);
            @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeploymentPublisher).FullName!)
                .LogInformation("Published the MvmCi deployment (topology {Topology}, {Count} files) to {Directory}",
                    plan.Topology.Name(), files.Count, directory);
            return Task.CompletedTask;
        });
    }

    /// <summary>Where the files go: the directory of <c>--output-path</c> (Aspire's <c>Pipeline:OutputPath</c>).</summary>
    public static string OutputDirectory(IConfiguration configuration, string appHostDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration["Pipeline:OutputPath"] ?? configuration["output-path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return Path.Combine(appHostDirectory, "aspire-output");
        }
        var full = Path.GetFullPath(path);
        return full.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? Path.GetDirectoryName(full)! : full;
    }
}
