namespace PBudget.Site.Pipeline;

/// <summary>A named stage of the build: small steps run in order.</summary>
/// <param name="Name">What the stage does, as the log shows it.</param>
/// <param name="Steps">The steps, in order.</param>
internal sealed record SiteStage(string Name, IReadOnlyList<SiteStep> Steps);

/// <summary>One single-purpose step. It reads the model and writes through the context; it never sees storage.</summary>
/// <param name="Name">What the step does, as the log shows it.</param>
/// <param name="RunAsync">The work.</param>
internal sealed record SiteStep(string Name, Func<SiteBuildContext, CancellationToken, Task> RunAsync);

/// <summary>The whole build, stage by stage.</summary>
internal static class SiteStages
{
    public static IReadOnlyList<SiteStage> All { get; } =
    [
        RenderPages.Stage,
        WriteOpenData.Stage,
        CopyAssets.Stage,
    ];
}
