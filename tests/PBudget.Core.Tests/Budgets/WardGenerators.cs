using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PBudget.Core.Budgets;

namespace PBudget.Core.Tests.Budgets;

/// <summary>A pot rule over some wards, in whole units, with a minimum the pot can always meet.</summary>
public sealed record PotScenario(RoundingUnit Unit, long PotUnits, long MinimumUnits, WardPopulation[] Wards)
{
    public long UnitPence => (long)Unit;

    public long PotPence => PotUnits * UnitPence;

    public long MinimumPence => MinimumUnits * UnitPence;

    public BudgetRule Rule => new(null, PotPence, MinimumPence, Unit);

    public override string ToString() =>
        $"unit {Unit}, pot {PotUnits} units, minimum {MinimumUnits} units, {Wards.Length} wards: "
        + string.Join(", ", Wards.Select(ward => $"{ward.Code}={ward.Population}"));
}

/// <summary>A per-head rule over some wards.</summary>
public sealed record PerHeadScenario(long PencePerHead, RoundingUnit Unit, RoundingDirection Direction, long MinimumPence, WardPopulation[] Wards)
{
    public long UnitPence => (long)Unit;

    public BudgetRule Rule => new(PencePerHead, null, MinimumPence, Unit, Direction);

    public override string ToString() =>
        $"{PencePerHead}p a head, {Unit} {Direction}, minimum {MinimumPence}p, {Wards.Length} wards: "
        + string.Join(", ", Wards.Select(ward => $"{ward.Code}={ward.Population}"));
}

public static class WardGenerators
{
    private static readonly RoundingUnit[] Units = [RoundingUnit.Penny, RoundingUnit.Pound, RoundingUnit.TenPounds, RoundingUnit.HundredPounds];

    /// <summary>0–60,000, with extra weight on values that make equal populations and ties likely.</summary>
    public static Gen<long> Population { get; } = Gen.Frequency(
        (4, Gen.Choose(0, 60_000).Select(value => (long)value)),
        (1, Gen.Elements(0L, 1L, 2L, 100L, 5_000L, 60_000L)));

    /// <summary>1–98 wards with distinct E05 codes.</summary>
    public static Gen<WardPopulation[]> Wards { get; } =
        from count in Gen.Choose(1, 98)
        from numbers in Gen.Choose(0, 999_999).ArrayOf(count)
        let codes = numbers.Distinct().Select(number => "E05" + number.ToString("D6", CultureInfo.InvariantCulture)).ToArray()
        from populations in Population.ArrayOf(codes.Length)
        select codes.Zip(populations, (code, population) => new WardPopulation(code, population)).ToArray();

    /// <summary>A pot of up to £1bn in whole units and a minimum with minimum × wards ≤ pot, sometimes exactly equal.</summary>
    public static Gen<PotScenario> Pot { get; } =
        from unit in Gen.Elements(Units)
        from wards in Wards
        from potUnits in PotUnits(BudgetRule.MaxPotPence / (long)unit)
        from minimumPercent in Gen.Frequency((2, Gen.Constant(0)), (5, Gen.Choose(0, 100)), (1, Gen.Constant(100)))
            // At most the pot divided equally, scaled by the percentage: minimum × wards ≤ pot always.
        let minimumUnits = potUnits / wards.Length * minimumPercent / 100
        select new PotScenario(unit, potUnits, minimumUnits, wards);

    public static Gen<PerHeadScenario> PerHead { get; } =
        from rate in Gen.Frequency((1, Gen.Constant(200L)), (3, Gen.Choose(0, (int)BudgetRule.MaxPencePerHead).Select(value => (long)value)))
        from unit in Gen.Elements(Units)
        from direction in Gen.Elements(RoundingDirection.Down, RoundingDirection.Nearest, RoundingDirection.Up)
        from minimumUnits in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 20_000)))
        from wards in Wards
        select new PerHeadScenario(rate, unit, direction, minimumUnits * (long)unit, wards);

    // Small pots (where the minimum and remainders dominate) as well as pots up to the largest allowed.
    private static Gen<long> PotUnits(long maxUnits) => Gen.Frequency(
        (3, Gen.Choose(0, 1_000).Select(value => (long)value)),
        (3, Gen.Choose(0, 1_000_000).Select(value => (long)value)),
        (2, Gen.Choose(0, int.MaxValue).Select(value => Math.Min(maxUnits, (long)value * 50))),
        (1, Gen.Constant(maxUnits)));
}
