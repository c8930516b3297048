using Yiyang.Modules.Demo;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Identifiers;
using Yiyang.Platform.Regions;

namespace Yiyang.Tests.Demo;

/// <summary>The synthetic city's population model: prevalences, ID numbers and phones.</summary>
public sealed class CityModelTests
{
    private static readonly DateOnly Reference = new(2026, 11, 23);

    [Fact]
    public void Age_bands_sum_to_one_and_80_plus_is_15_percent()
    {
        Assert.Equal(1.0, CityModel.AgeBands.Sum(b => b.Share), 9);
        Assert.Equal(0.15, CityModel.AgeBands.Where(b => b.From >= 80).Sum(b => b.Share), 9);
    }

    [Fact]
    public void Drawn_population_has_the_documented_prevalences()
    {
        var rng = new Random(7);
        const int n = 200_000;
        int old = 0, disabled = 0, chronic = 0, alone = 0, male = 0, under65 = 0;
        for (var i = 0; i < n; i++)
        {
            var age = CityModel.DrawAge(rng);
            Assert.InRange(age, 60, 104);
            var f = CityModel.DrawFlags(rng, age);
            Assert.Equal(age >= 80, f.HasFlag(RiskFlags.OldestOld));
            if (age >= 80) old++;
            if (age < 65) under65++;
            if (f.HasFlag(RiskFlags.Disabled)) disabled++;
            if (f.HasFlag(RiskFlags.Chronic)) chronic++;
            if (f.HasFlag(RiskFlags.LivingAlone)) alone++;
            if (CityModel.DrawSex(rng, age) == Sex.Male) male++;
        }
        Assert.InRange(old / (double)n, 0.145, 0.155);
        Assert.InRange(under65 / (double)n, 0.275, 0.285);
        // 0.53 × 5% + 0.32 × 10% + 0.15 × 25% = 9.6%
        Assert.InRange(disabled / (double)n, 0.091, 0.101);
        Assert.InRange(chronic / (double)n, 0.595, 0.605);
        Assert.InRange(alone / (double)n, 0.097, 0.103);
        Assert.InRange(male / (double)n, 0.465, 0.48);
    }

    [Fact]
    public void Birth_date_gives_the_exact_age_on_the_reference_date()
    {
        var rng = new Random(3);
        for (var i = 0; i < 5_000; i++)
        {
            var age = 60 + rng.Next(45);
            var birth = CityModel.BirthDate(rng, age, Reference);
            var actual = Reference.Year - birth.Year - (Reference < birth.AddYears(Reference.Year - birth.Year) ? 1 : 0);
            Assert.Equal(age, actual);
        }
    }

    [Fact]
    public void Id_numbers_are_valid_match_sex_and_never_collide_between_townships_of_a_county()
    {
        var rng = new Random(11);
        var seen = new HashSet<string>();
        for (var township = 0; township < 3; township++)
        {
            var alloc = new IdNumberAllocator("610202", township, 3);
            for (var i = 0; i < 3_000; i++)
            {
                var sex = i % 2 == 0 ? Sex.Male : Sex.Female;
                // many people born on few days: forces the allocator through its block and onto the next day
                var birth = new DateOnly(1950, 1, 1).AddDays(i % 5);
                var id = alloc.Next(rng, sex, birth);
                var info = ChineseIdNumber.TryParse(id, Reference, out var error);
                Assert.True(info is not null, error);
                Assert.Equal(sex, info!.Sex);
                Assert.StartsWith("610202", id, StringComparison.Ordinal);
                Assert.True(seen.Add(id), $"duplicate {id}");
            }
        }
    }

    [Fact]
    public void Phones_are_unique_valid_mobiles()
    {
        var phones = Enumerable.Range(0, 100_000).Select(i => CityModel.Phone(i * 37L)).ToList();
        Assert.Equal(phones.Count, phones.Distinct().Count());
        Assert.All(phones.Take(100), p => Assert.Matches(@"^1[3-9]\d{9}$", p));
    }

    [Fact]
    public void Plan_spreads_exactly_the_requested_elders_over_the_real_townships_deterministically()
    {
        var regions = new RegionCatalog();
        var seeder = new CitySeeder(null!, regions, null!, null!);
        var o = new CitySeedOptions("6101", 1_000_003, 42, Reference);
        var a = seeder.MakePlan(o);
        var b = seeder.MakePlan(o);
        Assert.Equal(1_000_003, a.Townships.Sum(t => t.Elders));
        Assert.Equal(a.Townships.Select(t => t.Elders), b.Townships.Select(t => t.Elders));
        Assert.Equal(regions.TownshipsUnder("6101").Count(), a.Townships.Count);
        Assert.All(a.Townships, t => Assert.Equal(RegionLevel.Township, t.Township.Level));
        var perTownship = 1_000_003.0 / a.Townships.Count;
        Assert.All(a.Townships, t => Assert.InRange(t.Elders, perTownship * 0.3, perTownship * 1.7));
        Assert.NotEqual(a.Townships.Select(t => t.Elders), seeder.MakePlan(o with { Seed = 43 }).Townships.Select(t => t.Elders));
    }
}
