using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PBudget.Functions.Notifications;

namespace PBudget.Functions.Tests.Notifications;

public sealed class NotificationsSetupTests
{
    // Notify's format: {key name}-{service id}-{secret key}. Made up; never valid against the real service.
    internal const string ServiceId = "4f1c7a52-8b1e-4d3f-9c2a-6e5b0d9f1a23";
    internal const string SecretKey = "b7e2c9d4-3a1f-4e8b-a6d5-2c9f7e1b4a60";
    internal const string ApiKey = "pbudget_test-" + ServiceId + "-" + SecretKey;
    internal const string TemplateId = "e5a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_NothingConfigured_FailsNamingBothSettings()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync([]));

        Assert.Contains("Notifications have nowhere to go", error.Message, StringComparison.Ordinal);
        Assert.Contains("Notifications:MailboxFolder", error.Message, StringComparison.Ordinal);
        Assert.Contains("Notifications:GovukNotify:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_BothConfigured_Fails()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Notifications:MailboxFolder"] = "mailbox",
            ["Notifications:GovukNotify:ApiKey"] = ApiKey,
            ["Notifications:GovukNotify:EmailTemplateId"] = TemplateId,
        }));

        Assert.Contains("two places to go", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key", TemplateId, null, "ApiKey")]
    [InlineData("pbudget_test-" + ServiceId + "_" + SecretKey, TemplateId, null, "ApiKey")]
    [InlineData(ApiKey, "", null, "EmailTemplateId")]
    [InlineData(ApiKey, "welcome-email", null, "EmailTemplateId")]
    [InlineData(ApiKey, TemplateId, "http://notify.example.org/", "BaseUrl")]
    [InlineData(null, TemplateId, null, "ApiKey")]
    public async Task StartAsync_GovukNotifyIncomplete_FailsNamingTheSettingWithoutEchoingTheKey(string? apiKey, string templateId, string? baseUrl, string setting)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Notifications:GovukNotify:ApiKey"] = apiKey,
            ["Notifications:GovukNotify:EmailTemplateId"] = templateId,
            ["Notifications:GovukNotify:BaseUrl"] = baseUrl,
        }));

        Assert.Contains("Notifications:GovukNotify:" + setting, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_MailboxFolderConfigured_SendsToTheMailboxFolder()
    {
        using var host = await StartAsync(new() { ["Notifications:MailboxFolder"] = Path.Combine(Path.GetTempPath(), "pbudget-unused") });

        Assert.IsType<MailboxFolderSender>(host.Services.GetRequiredService<INotificationSender>());
    }

    [Fact]
    public async Task Resolve_GovukNotifyConfigured_SendsThroughGovukNotify()
    {
        using var host = await StartAsync(new()
        {
            ["Notifications:GovukNotify:ApiKey"] = ApiKey,
            ["Notifications:GovukNotify:EmailTemplateId"] = TemplateId,
            ["Notifications:GovukNotify:BaseUrl"] = "http://127.0.0.1:9/",
        });

        Assert.IsType<GovukNotifySender>(host.Services.GetRequiredService<INotificationSender>());
    }

    [Fact]
    public void ReadApiKey_NotifyFormat_FindsTheServiceIdAndSecret()
    {
        var parts = GovukNotifyOptions.ReadApiKey(ApiKey);

        Assert.Equal((Guid.Parse(ServiceId), SecretKey), parts);
    }

    /// <summary>A bare host with only this area's registrations: start-up runs the options validation.</summary>
    private static async Task<IHost> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPBudgetNotifications(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync(Cancel);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
