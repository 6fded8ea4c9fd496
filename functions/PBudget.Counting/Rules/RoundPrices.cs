namespace PBudget.Counting.Rules;

/// <summary>
/// One MES count's prices per round: the funded project's ρ, and the lowest ρ of any other project its supporters could
/// still afford (none: <see cref="Unaffordable"/>). Two counts' round prices can prove that every step between them
/// gives the same outcome, without counting those steps.
/// </summary>
/// <remarks>
/// <para>
/// Why that proof holds. Suppose the counts at steps a &lt; b fund the same projects in the same order. Take any step t
/// between them, and suppose the first k − 1 rounds at t fund those projects too. Every voter starts with more at t than
/// at a, and a price is lower when its supporters have more (they raise the cost at a lower q); a supporter left with
/// max(0, amount − q × strength) then has more too. Round by round, every amount at t is therefore between the amounts
/// at a and at b, and every price between the prices at b and at a. So in round k the project funded at a costs at
/// most its price at a, and every other project at least its price at b. If the first is below the second, the same
/// project is funded at t. When the count at b ends, nobody else's supporters can afford anything, and with less they
/// cannot at t either. By induction, t gives the outcome a and b give.
/// </para>
/// <para>
/// Every ρ here is an <see cref="Interval"/> holding the exact value, and the comparison is strict between the upper
/// end of one and the lower end of the other, so a proof is never made by rounding; a tie, or a near one, proves
/// nothing and the steps are counted.
/// </para>
/// </remarks>
internal sealed class RoundPrices
{
    /// <summary>The price of a project nobody else can afford.</summary>
    public static readonly Interval Unaffordable = new(double.PositiveInfinity, double.PositiveInfinity);

    private readonly List<Interval> winning = [];
    private readonly List<int> runnersUp = [];
    private readonly List<Interval> runnerUpPrices = [];

    public int Rounds => winning.Count;

    public void Add(Interval winningRho, int runnerUp, Interval runnerUpRho)
    {
        winning.Add(winningRho);
        runnersUp.Add(runnerUp);
        runnerUpPrices.Add(runnerUpRho);
    }

    /// <summary>
    /// Whether every step from <paramref name="from"/>'s to <paramref name="to"/>'s gives the outcome both give
    /// (<paramref name="from"/> counted at the lower step, each with its winners in order).
    /// </summary>
    public static bool ProveSameOutcome(RoundPrices from, IReadOnlyList<int> fromWinners, RoundPrices to, IReadOnlyList<int> toWinners)
    {
        if (!fromWinners.SequenceEqual(toWinners) || from.Rounds != fromWinners.Count || to.Rounds != toWinners.Count)
        {
            return false;
        }

        for (var round = 0; round < from.Rounds; round++)
        {
            if (!(from.winning[round].Hi < to.runnerUpPrices[round].Lo))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A guess, never relied on for a result, at the step between the two counts where the first round whose winner
    /// differs changes hands: where the gap between the two projects' prices, taken as straight in the step, closes.
    /// Null when the counts do not give enough to guess.
    /// </summary>
    public static long? GuessChange(long fromStep, RoundPrices from, IReadOnlyList<int> fromWinners, long toStep, RoundPrices to, IReadOnlyList<int> toWinners)
    {
        var rounds = Math.Min(from.Rounds, to.Rounds);
        for (var round = 0; round < rounds; round++)
        {
            if (fromWinners[round] == toWinners[round])
            {
                continue;
            }

            // At the lower step the later winner was the runner-up, and at the higher step the other way round.
            if (from.runnersUp[round] != toWinners[round] || to.runnersUp[round] != fromWinners[round])
            {
                return null;
            }

            var gapFrom = Middle(from.runnerUpPrices[round]) - Middle(from.winning[round]);
            var gapTo = Middle(to.winning[round]) - Middle(to.runnerUpPrices[round]);
            if (!(gapFrom >= 0) || !(gapTo <= 0) || gapFrom - gapTo <= 0)
            {
                return null;
            }

            var guess = fromStep + ((toStep - fromStep) * (gapFrom / (gapFrom - gapTo)));
            return double.IsFinite(guess) ? (long)Math.Round(guess) : null;
        }

        return null;
    }

    private static double Middle(Interval rho) => (rho.Lo / 2) + (rho.Hi / 2);
}
