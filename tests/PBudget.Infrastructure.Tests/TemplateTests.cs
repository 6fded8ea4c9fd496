using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PBudget.Functions.Hosting;
using PBudget.Functions.Notifications;
using PBudget.Functions.Publishing;
using PBudget.Functions.Storage;
using PBudget.Functions.Voting;
using PBudget.Testing;

namespace PBudget.Infrastructure.Tests;

/// <summary>infra/ builds and lints clean, and declares what the app's code uses, no more and no less.</summary>
public sealed partial class TemplateTests
{
    // Linting main.bicep reports every module's messages too, and main.bicepparam is checked against main.bicep: two
    // runs cover every file, provided every module is used (checked below).
    [Theory]
    [InlineData("main.bicep")]
    [InlineData("main.bicepparam")]
    public void The_templates_and_parameters_lint_without_a_single_message(string file)
    {
        var (exitCode, output, errors) = Bicep.Run("lint", Path.Combine(Bicep.Infra, file));

        Assert.True(exitCode == 0 && output.Length == 0 && errors.Length == 0, $"bicep lint {file} (exit {exitCode}):\n{output}{errors}");
    }

    [Fact]
    public void Every_module_is_used_by_main_so_linting_main_lints_it()
    {
        var main = File.ReadAllText(Path.Combine(Bicep.Infra, "main.bicep"));

        foreach (var module in Directory.EnumerateFiles(Path.Combine(Bicep.Infra, "modules"), "*.bicep"))
        {
            Assert.Contains($"'modules/{Path.GetFileName(module)}'", main, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_templates_and_parameters_build_without_warnings()
    {
        var (exitCode, _, errors) = Bicep.MainBuild;
        var (paramsExit, _, paramsErrors) = Bicep.Run("build-params", Path.Combine(Bicep.Infra, "main.bicepparam"), "--stdout");

        Assert.True(exitCode == 0 && errors.Length == 0, "bicep build main.bicep:\n" + errors);
        Assert.True(paramsExit == 0 && paramsErrors.Length == 0, "bicep build-params main.bicepparam:\n" + paramsErrors);
    }

    [Fact]
    public void Provisioning_stops_naming_each_required_setting_that_is_not_given()
    {
        var (exitCode, _, errors) = Bicep.Run(new Dictionary<string, string>(), "build-params", Path.Combine(Bicep.Infra, "main.bicepparam"), "--stdout");

        Assert.NotEqual(0, exitCode);
        foreach (var name in Bicep.RequiredEnvironment.Keys)
        {
            Assert.Contains($"\"{name}\" does not exist", errors, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_rule_set_checks_api_versions_are_recent()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Bicep.Infra, "bicepconfig.json")))!;

        var level = (string?)config["analyzers"]!["core"]!["rules"]!["use-recent-api-versions"]!["level"];

        Assert.True(level is "warning" or "error", $"use-recent-api-versions is '{level}'.");
    }

    [Fact]
    public void The_template_declares_exactly_the_tables_and_queues_the_code_names()
    {
        var variables = Bicep.Main["variables"]!;
        var tables = variables["storageTables"]!.AsArray().Select(t => (string)t!).ToList();
        var queues = variables["storageQueues"]!.AsArray().Select(q => (string)q!).ToList();

        Assert.Equal(StorageNames.Tables.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        Assert.Equal(StorageNames.Queues.Order(StringComparer.Ordinal), queues.Order(StringComparer.Ordinal));
        var storage = Bicep.ModuleParameters("storage");
        Assert.Equal("[variables('storageTables')]", (string?)storage["tables"]!["value"]);
        Assert.Equal("[variables('storageQueues')]", (string?)storage["queues"]!["value"]);
    }

    [Fact]
    public void Each_queue_gets_its_poison_twin_and_nothing_else()
    {
        var storage = Bicep.Module("storage");
        var queueResource = Bicep.Resources(storage).Single(r => (string?)r["type"] == "Microsoft.Storage/storageAccounts/queueServices/queues");
        var tableResource = Bicep.Resources(storage).Single(r => (string?)r["type"] == "Microsoft.Storage/storageAccounts/tableServices/tables");

        Assert.Contains("variables('allQueues')[copyIndex()]", (string?)queueResource["name"], StringComparison.Ordinal);
        Assert.Equal(
            "[flatten(map(parameters('queues'), lambda('queue', createArray(lambdaVariables('queue'), format('{0}" + StorageNames.PoisonSuffix + "', lambdaVariables('queue'))))))]",
            (string?)storage["variables"]!["allQueues"]);
        Assert.Equal("[length(variables('allQueues'))]", (string?)queueResource["copy"]!["count"]);
        Assert.Equal("[length(parameters('tables'))]", (string?)tableResource["copy"]!["count"]);
    }

    [Fact]
    public void Queue_triggers_read_the_queues_through_the_connection_the_template_configures()
    {
        var functions = Path.Combine(RepositoryPaths.Root, "functions", "PBudget.Functions");
        var settings = AppSettingKeys();

        var triggers = Directory.EnumerateFiles(functions, "function.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["bindings"]!.AsArray())
            .Where(b => (string?)b!["type"] == "queueTrigger")
            .Select(b => b!)
            .ToList();

        Assert.NotEmpty(triggers);
        foreach (var trigger in triggers)
        {
            Assert.Contains((string)trigger["queueName"]!, StorageNames.Queues);
            var connection = (string)trigger["connection"]!;
            Assert.Contains($"{connection}__queueServiceUri", settings);
            Assert.Contains($"{connection}__credential", settings);
            Assert.Contains($"{connection}__clientId", settings);
        }
    }

    [Fact]
    public void Storage_accepts_only_identities_over_TLS_1_2()
    {
        var account = Bicep.Resources(Bicep.Module("storage")).Single(r => (string?)r["type"] == "Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool)account["allowSharedKeyAccess"]!);
        Assert.Equal("TLS1_2", (string?)account["minimumTlsVersion"]);
        Assert.False((bool)account["allowBlobPublicAccess"]!);
    }

    [Fact]
    public void The_app_gets_exactly_the_data_roles_it_needs_and_no_control_plane_role()
    {
        const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
        const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
        const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
        const string SecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
        var text = Bicep.Main.ToJsonString();

        var roles = RoleGuid().Matches(text).Select(m => m.Value).ToHashSet();

        Assert.Superset(new HashSet<string> { BlobDataOwner, QueueDataContributor, TableDataContributor, SecretsUser }, roles);
        Assert.DoesNotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", roles); // Contributor
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", roles); // Owner
        Assert.DoesNotContain("17d1049b-9a84-46fb-8f53-869881c3d3ab", roles); // Storage Account Contributor
    }

    [Fact]
    public void Every_app_setting_is_one_the_app_or_the_Functions_host_reads()
    {
        // The Functions host's documented settings for identity-based connections and Application Insights.
        string[] host =
        [
            "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
            "Storage__credential", "Storage__clientId", "AZURE_CLIENT_ID",
            "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        ];

        // Microsoft.Identity.Web's MicrosoftIdentityOptions, bound from each section, plus the audience the app reads.
        string[] identity = ["Instance", "TenantId", "ClientId", "ClientSecret", "Audience"];
        var sections = new Dictionary<string, Type>
        {
            [StorageOptions.SectionName] = typeof(StorageOptions),
            [PublishingOptions.SectionName] = typeof(PublishingOptions),
            [VotingOptions.SectionName] = typeof(VotingOptions),
            [NotificationsOptions.SectionName] = typeof(NotificationsOptions),
        };

        foreach (var key in AppSettingKeys().Except(host))
        {
            var path = key.Split("__");
            if (path[0] is "AzureAd" or "StaffSignIn" or "ResidentSignIn" or "ExternalId")
            {
                Assert.True(path.Length == 2 && identity.Contains(path[1]), $"{key} is not a Microsoft.Identity.Web setting.");
            }
            else if (key == PublicOrigin.SettingName.Replace(":", "__", StringComparison.Ordinal))
            {
                continue;
            }
            else
            {
                Assert.True(sections.TryGetValue(path[0], out var type), $"{key}: nothing in the app reads the {path[0]} section.");
                foreach (var name in path.Skip(1))
                {
                    var property = type!.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
                    Assert.True(property is not null, $"{key}: {type.Name} has no property {name}.");
                    type = property!.PropertyType;
                }
            }
        }
    }

    [Fact]
    public void Everything_the_app_needs_to_start_in_Azure_is_set_and_its_secrets_come_from_Key_Vault()
    {
        var settings = AppSettingsTemplateText();
        var keys = AppSettingKeys();

        foreach (var required in new[]
        {
            "Storage__tableServiceUri", "Storage__queueServiceUri", "Publishing__BlobServiceUri", "Publishing__ContainerName",
            "AzureAd__ClientId", "AzureAd__Audience", "Voting__VoterKeySecret", "Notifications__GovukNotify__ApiKey",
            "Notifications__GovukNotify__EmailTemplateId", "Site__PublicOrigin",
        })
        {
            Assert.Contains(required, keys);
        }

        Assert.Contains("@Microsoft.KeyVault(VaultName={0};SecretName={1})", settings, StringComparison.Ordinal);
        Assert.Contains("'Voting__VoterKeySecret', variables('secretReferences').voterKey", settings, StringComparison.Ordinal);
        Assert.Contains("'Notifications__GovukNotify__ApiKey', variables('secretReferences').notifyApiKey", settings, StringComparison.Ordinal);
        Assert.Contains("'Publishing__ContainerName', parameters('siteContainerName')", settings, StringComparison.Ordinal);
        Assert.Equal("[variables('siteContainerName')]", (string?)Bicep.ModuleParameters("functionapp")["siteContainerName"]!["value"]);
        Assert.DoesNotContain("LocalSignIn", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_app_runs_the_custom_handler_on_Flex_Consumption_with_CORS_for_the_site_only()
    {
        var functionApp = Bicep.Module("functionapp");
        var plan = Bicep.Resources(functionApp).Single(r => (string?)r["type"] == "Microsoft.Web/serverfarms");
        var site = Bicep.Resources(functionApp).Single(r => (string?)r["type"] == "Microsoft.Web/sites")["properties"]!;

        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("custom", (string?)site["functionAppConfig"]!["runtime"]!["name"]);
        Assert.True((bool)site["httpsOnly"]!);
        var origins = site["siteConfig"]!["cors"]!["allowedOrigins"]!.AsArray();
        Assert.Single(origins);
    }

    private static string AppSettingsTemplateText()
    {
        var functionApp = Bicep.Module("functionapp");
        return functionApp.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Every app setting name the function app module can set, whichever optional parts are on.</summary>
    private static HashSet<string> AppSettingKeys() => SettingName().Matches(AppSettingsTemplateText()).Select(m => m.Groups[1].Value).ToHashSet();

    [GeneratedRegex("'([A-Za-z]+(?:__[A-Za-z]+)+|AZURE_CLIENT_ID|APPLICATIONINSIGHTS_[A-Z_]+)'")]
    private static partial Regex SettingName();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RoleGuid();
}
