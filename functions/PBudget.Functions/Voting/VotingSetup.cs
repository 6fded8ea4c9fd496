using PBudget.Functions.Storage;

namespace PBudget.Functions.Voting;

/// <summary>Registers voting's options, stores and the wrong-code limiter.</summary>
public static class VotingSetup
{
    public static IServiceCollection AddPBudgetVoting(this IServiceCollection services, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<VotingOptions>().BindConfiguration(VotingOptions.SectionName).ValidateDataAnnotations()
            .Validate(
                options => environment.IsDevelopment() || options.VoterKeySecret != VotingOptions.DevelopmentSecret,
                "Voting:VoterKeySecret is the public development secret; outside Development set a secret of your own (from Key Vault in Azure).")
            .ValidateOnStart();
        services.AddSingleton<VotingSetupStore>();
        services.AddSingleton<BallotStore>();
        services.AddSingleton<WrongCodeLimiter>();
        return services;
    }
}
