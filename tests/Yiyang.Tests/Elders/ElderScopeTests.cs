using System.Security.Claims;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Security;

namespace Yiyang.Tests.Elders;

public sealed class ElderScopeTests
{
    private static CurrentUser User(string role, long? org = null, string? region = null, bool authenticated = true) =>
        new(authenticated
            ? new ClaimsPrincipal(new ClaimsIdentity(CurrentUser.ClaimsFor(7, "u", role, org, region, null), "test"))
            : new ClaimsPrincipal(new ClaimsIdentity()));

    private static Elder Elder(string township, long? org) => new()
    {
        Name = "测试",
        TownshipCode = township,
        CountyCode = township[..6],
        IdNumberCipher = [],
        IdNumberHash = [],
        IdNumberMasked = "",
        ResponsibleOrganizationId = org,
    };

    [Fact]
    public void Claims_round_trip_into_the_current_user()
    {
        var u = new CurrentUser(new ClaimsPrincipal(new ClaimsIdentity(
            CurrentUser.ClaimsFor(42, "wjw", Roles.Regulator, null, "610202", Bureaus.Health), "test")));
        Assert.True(u.IsAuthenticated);
        Assert.Equal(42, u.Id);
        Assert.Equal("wjw", u.UserName);
        Assert.Equal(Roles.Regulator, u.Role);
        Assert.Equal("610202", u.RegionCode);
        Assert.Equal(Bureaus.Health, u.Bureau);
        Assert.Null(u.OrganizationId);
    }

    [Fact]
    public void The_city_operator_sees_every_elder_and_the_platform_admin_none()
    {
        Assert.True(ElderScope.Allows(User(Roles.CityOperator, region: "6102"), Elder("610203001", null)));
        Assert.False(ElderScope.Allows(User(Roles.PlatformAdmin), Elder("610203001", null)));
        Assert.Empty(ElderScope.Apply(new[] { Elder("610203001", null), Elder("610202002", 1) }.AsQueryable(), User(Roles.PlatformAdmin)));
    }

    [Theory]
    [InlineData("610202", "610202100", true)]
    [InlineData("610202", "610203001", false)]
    [InlineData("6102", "610203001", true)]
    [InlineData("6102", "610202002", true)]
    [InlineData("610202100", "610202100", true)]
    [InlineData("610202100", "610202002", false)]
    [InlineData("61", "610202002", true)]
    [InlineData("11", "610202002", false)]
    public void Regulators_see_the_elders_of_their_region(string region, string township, bool allowed)
    {
        Assert.Equal(allowed, ElderScope.Allows(User(Roles.Regulator, region: region), Elder(township, 1)));
        Assert.Equal(allowed, ElderScope.Allows(User(Roles.CallOperator, region: region), Elder(township, 1)));
    }

    [Fact]
    public void A_regulator_without_a_region_sees_nobody() =>
        Assert.False(ElderScope.Allows(User(Roles.Regulator), Elder("610202002", 1)));

    [Theory]
    [InlineData(Roles.Doctor)]
    [InlineData(Roles.Nurse)]
    [InlineData(Roles.Caregiver)]
    [InlineData(Roles.InstitutionAdmin)]
    public void Institution_staff_see_only_the_elders_of_their_organization(string role)
    {
        Assert.True(ElderScope.Allows(User(role, org: 5), Elder("610202002", 5)));
        Assert.False(ElderScope.Allows(User(role, org: 5), Elder("610202002", 6)));
        Assert.False(ElderScope.Allows(User(role, org: 5), Elder("610202002", null)));
        Assert.False(ElderScope.Allows(User(role), Elder("610202002", null)));
    }

    [Theory]
    [InlineData(Roles.SecurityAdmin)]
    [InlineData(Roles.AuditAdmin)]
    public void Security_and_audit_admins_see_no_elders(string role) =>
        Assert.False(ElderScope.Allows(User(role, org: 5, region: "61"), Elder("610202002", 5)));

    [Fact]
    public void The_query_filter_agrees_with_the_single_record_rule()
    {
        var elders = new[]
        {
            Elder("610202002", 1), Elder("610202100", 2), Elder("610203001", 3), Elder("610204001", null), Elder("110101001", 1),
        };
        var users = new[]
        {
            User(Roles.PlatformAdmin), User(Roles.CityOperator, region: "6102"), User(Roles.Regulator, region: "610202"), User(Roles.CallOperator, region: "6102"),
            User(Roles.Regulator, region: "610202100"), User(Roles.Doctor, org: 1), User(Roles.Nurse, org: 2),
            User(Roles.AuditAdmin), User(Roles.SecurityAdmin), User(Roles.Doctor, authenticated: false),
        };
        foreach (var u in users)
        {
            var viaQuery = ElderScope.Apply(elders.AsQueryable(), u).ToList();
            var viaRule = u.IsAuthenticated ? elders.Where(e => ElderScope.Allows(u, e)).ToList() : [];
            Assert.Equal(viaRule, viaQuery);
        }
    }
}
