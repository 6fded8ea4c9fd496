using System.Globalization;
using PBudget.Counting.Elections;

namespace PBudget.Cli.Counting;

/// <summary>
/// A generated approval election for benchmarks: 'synthetic:VOTERSxPROJECTS'. Deterministic (a fixed seed), with
/// projects of skewed popularity and cost, ballots of 1 to 10 approvals, and a budget of a third of the total cost.
/// </summary>
internal static class SyntheticElection
{
    public static Election Generate(string spec)
    {
        var size = spec["synthetic:".Length..].Split('x');
        var voters = int.Parse(size[0], CultureInfo.InvariantCulture);
        var projectCount = int.Parse(size[1], CultureInfo.InvariantCulture);

        // A fixed seed so that every run counts the same election; System.Random is fine for a benchmark's data.
#pragma warning disable CA5394
        var random = new Random(20261130);
        var projects = Enumerable.Range(1, projectCount)
            .Select(i => new Project(i.ToString(CultureInfo.InvariantCulture), random.Next(10, 500) * 1_000L))
            .ToList();

        // Popularity falls off with the project's number, so a few projects are widely supported, as in real elections.
        var weights = Enumerable.Range(1, projectCount).Select(i => 1.0 / Math.Sqrt(i)).ToArray();
        var cumulative = new double[projectCount];
        var sum = 0.0;
        for (var i = 0; i < projectCount; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }

        var ballots = new Dictionary<string, (int[] Projects, long Weight)>(StringComparer.Ordinal);
        var chosen = new SortedSet<int>();
        for (var v = 0; v < voters; v++)
        {
            chosen.Clear();
            var length = random.Next(1, 11);
            while (chosen.Count < Math.Min(length, projectCount))
            {
                var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
                chosen.Add(Math.Min(index < 0 ? ~index : index, projectCount - 1));
            }
#pragma warning restore CA5394

            var key = string.Join(',', chosen);
            ballots[key] = ballots.TryGetValue(key, out var existing) ? (existing.Projects, existing.Weight + 1) : (chosen.ToArray(), 1);
        }

        var budget = projects.Sum(p => p.Cost) / 3;
        return new Election(VoteType.Approval, budget, projects, ballots.Values.Select(b => new Ballot(b.Projects, null, b.Weight)).ToList(), voters, description: $"Synthetic: {voters:N0} voters, {projectCount} projects");
    }
}
