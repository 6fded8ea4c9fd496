using Microsoft.Extensions.Options;
using PBudget.Functions.Hosting;

namespace PBudget.Functions.Notifications;

/// <summary>Registration and endpoints of the notifications area: the queue, the Notify function and its sender.</summary>
public static class NotificationsSetup
{
    /// <summary>The queue-triggered function's name, as in <c>Notify/function.json</c>.</summary>
    public const string FunctionName = "Notify";

    /// <summary>
    /// Registers <see cref="NotificationRequests"/> (enqueue) and the sender that <c>Notifications:</c> chooses:
    /// <see cref="MailboxFolderSender"/> for <c>MailboxFolder</c>, <see cref="GovukNotifySender"/> for
    /// <c>GovukNotify</c>. Start-up fails with a clear message unless exactly one is set. Needs the storage
    /// registrations (<c>AddPBudgetStorage</c>).
    /// </summary>
    public static IServiceCollection AddPBudgetNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NotificationsOptions>()
            .Bind(configuration.GetSection(NotificationsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<NotificationRequests>();
        services.AddSingleton<NotificationDelivery>();
        services.AddSingleton<MailboxFolderSender>();
        services.AddSingleton<GovukNotifySender>();
        services.AddSingleton<INotificationSender>(provider =>
            provider.GetRequiredService<IOptions<NotificationsOptions>>().Value.UsesMailboxFolder
                ? provider.GetRequiredService<MailboxFolderSender>()
                : provider.GetRequiredService<GovukNotifySender>());

        // Notify answers in well under a second; a stuck call fails this delivery, and the host tries again later.
        services.AddHttpClient(GovukNotifySender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }

    /// <summary>Maps the Notify queue function (<c>POST /Notify</c>, called by the Functions host).</summary>
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapQueueFunction(FunctionName, RunNotifyAsync);
        return endpoints;
    }

    private static Task RunNotifyAsync(QueueInvocation invocation, IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<NotificationDelivery>().DeliverAsync(invocation.MessageText, cancellationToken);
}
