using System.Text.Json.Serialization;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using PBudget.Functions.Problems;
using PBudget.Functions.Publishing;
using PBudget.Functions.Storage;
using PBudget.Site;

namespace PBudget.Functions;

/// <summary>Registration for each area, so Program.cs stays a short list.</summary>
public static class ServiceSetup
{
    public static IServiceCollection AddPBudgetStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StorageClients>();
        services.AddSingleton<SchemeStore>();
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    public static IServiceCollection AddPBudgetPublishing(this IServiceCollection services)
    {
        services.AddOptions<PublishingOptions>().BindConfiguration(PublishingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PublishRequests>();
        services.AddSingleton(provider => new SiteGenerator(provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddSingleton<SitePublisher>();
        return services;
    }

    public static IServiceCollection AddPBudgetProposals(this IServiceCollection services)
    {
        services.AddSingleton<ProposalStore>();
        services.AddSingleton<Proposals.ProposalNotices>();
        return services;
    }

    public static IServiceCollection AddPBudgetApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Locally, the app serves the published site from its output folder, so site and API share one origin.</summary>
    public static WebApplication UseLocalSite(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PublishingOptions>>().Value;
        if (options.ServeOutputFolder && options.OutputFolder is { } folder)
        {
            Directory.CreateDirectory(folder);
            var files = new PhysicalFileProvider(Path.GetFullPath(folder));
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        return app;
    }

    /// <summary>Creates the tables and queues at start-up (idempotent; in Azure the template creates them first).</summary>
    private sealed class StorageInitializer(StorageClients storage) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
