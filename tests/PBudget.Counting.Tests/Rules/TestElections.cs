using PBudget.Counting.Elections;
using PBudget.Counting.Rules;

namespace PBudget.Counting.Tests.Rules;

/// <summary>Small elections written the way one would on paper: projects with costs, and ballots as "A,B" strings.</summary>
internal static class TestElections
{
    /// <summary>An approval election; each ballot is the project ids it approves, comma separated ("" is an empty ballot).</summary>
    public static Election Approval(long budget, (string Id, long Cost)[] projects, params string[] ballots) =>
        Build(VoteType.Approval, budget, projects, ballots.Select(b => (b, (long[]?)null)).ToArray());

    /// <summary>A cumulative election; each ballot is "A:3,B:1".</summary>
    public static Election Cumulative(long budget, (string Id, long Cost)[] projects, params string[] ballots) =>
        Build(VoteType.Cumulative, budget, projects, ballots.Select(b =>
        {
            var parts = b.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => x.Split(':')).ToArray();
            return (string.Join(',', parts.Select(x => x[0])), (long[]?)parts.Select(x => long.Parse(x[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }).ToArray());

    /// <summary>Builds an election with one ballot per voter (no aggregation), as a file would give them before reading.</summary>
    public static Election Build(VoteType voteType, long budget, (string Id, long Cost)[] projects, (string Ballot, long[]? Points)[] ballots)
    {
        var list = projects.Select(p => new Project(p.Id, p.Cost)).ToList();
        var index = list.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var built = new List<Ballot>();
        foreach (var (text, points) in ballots)
        {
            var ids = text.Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length > 0)
            {
                built.Add(new Ballot(ids.Select(id => index[id]).ToArray(), points, 1));
            }
        }

        return new Election(voteType, budget, list, built, ballots.Length);
    }

    public static string[] Ids(this Outcome outcome) => outcome.Winners.Select(p => p.Id).ToArray();
}
