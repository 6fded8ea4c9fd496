using Microsoft.Extensions.Options;

namespace PBudget.Functions.Hosting;

/// <summary>Registers the Azure Functions custom handler plumbing.</summary>
public static class FunctionsHostingExtensions
{
    /// <summary>The environment in which tests may turn the local queue dispatcher on explicitly.</summary>
    public const string TestingEnvironmentName = "Testing";

    /// <summary>
    /// The environment variable the Functions host sets for the custom handler it starts. When it is present,
    /// the host delivers queue messages itself and the local dispatcher stays off unless asked for.
    /// </summary>
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>
    /// Registers the <see cref="LocalQueueDispatcher"/> where it belongs: in Development (unless the app runs
    /// under the Functions host, or <c>LocalQueueDispatcher:Enabled</c> is <see langword="false"/>), or wherever
    /// <c>LocalQueueDispatcher:Enabled</c> is <see langword="true"/>, which only Development and
    /// <see cref="TestingEnvironmentName"/> accept. The dispatcher needs <see cref="Storage.StorageClients"/> registered.
    /// Map each queue function with <see cref="QueueFunctionEndpoints.MapQueueFunction"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// <c>LocalQueueDispatcher:Enabled</c> is true outside Development and Testing: in Azure the Functions host
    /// delivers messages, and a second consumer would compete with it.
    /// </exception>
    public static IServiceCollection AddFunctionsHosting(this IServiceCollection services, IHostEnvironment environment, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(LocalQueueDispatcherOptions.SectionName);
        services.AddOptions<LocalQueueDispatcherOptions>().Bind(section);

        var enabled = section.GetValue<bool?>(nameof(LocalQueueDispatcherOptions.Enabled));
        if (enabled == true && !environment.IsDevelopment() && !environment.IsEnvironment(TestingEnvironmentName))
        {
            throw new InvalidOperationException(
                $"{LocalQueueDispatcherOptions.SectionName}:Enabled is true in the '{environment.EnvironmentName}' environment. " +
                $"The local queue dispatcher is for Development and {TestingEnvironmentName} only: in Azure the Functions host delivers queue messages.");
        }

        var underFunctionsHost = !string.IsNullOrEmpty(configuration[CustomHandlerPortVariable]);
        if (enabled ?? (environment.IsDevelopment() && !underFunctionsHost))
        {
            // No overall timeout on the client: the dispatcher applies its processing lease per invocation.
            services.AddHttpClient(LocalQueueDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
            services.AddSingleton<LocalQueueDispatcher>();
            services.AddHostedService(provider => provider.GetRequiredService<LocalQueueDispatcher>());
        }

        return services;
    }

    /// <summary>The folder holding host.json and the function folders: the configured one, else the content root.</summary>
    internal static string FunctionsRoot(IServiceProvider services) =>
        services.GetService<IOptions<LocalQueueDispatcherOptions>>()?.Value.FunctionsRoot
        ?? services.GetRequiredService<IHostEnvironment>().ContentRootPath;
}
