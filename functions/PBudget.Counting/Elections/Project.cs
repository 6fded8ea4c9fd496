namespace PBudget.Counting.Elections;

/// <summary>
/// One project on the ballot. <paramref name="Id"/> is the project's id exactly as the file writes it: ties are
/// broken by comparing ids as strings, so "10" comes before "9".
/// </summary>
/// <param name="Id">The project's id, unique within the election.</param>
/// <param name="Cost">What the project costs, in the election's currency units (never negative).</param>
/// <param name="Name">The project's name, when the file gives one.</param>
/// <param name="FileScore">The file's own <c>score</c> column (for ordinal ballots, the city's points), when present.</param>
/// <param name="Selected">The file's <c>selected</c> column: whether the project really won, when present.</param>
public sealed record Project(string Id, long Cost, string? Name = null, long? FileScore = null, bool? Selected = null);
