using Yiyang.Platform.Audit;

namespace Yiyang.Tests.Platform;

public sealed class AuditHashTests
{
    private static AuditEntry Entry(string prev, string action = "elder.view", string? detail = null) => new()
    {
        Id = 1,
        At = new DateTimeOffset(2026, 11, 23, 8, 0, 0, 123, TimeSpan.Zero),
        UserId = 7,
        UserName = "doctor",
        Role = "doctor",
        Action = action,
        SubjectType = "elder",
        SubjectId = "42",
        ElderId = 42,
        Detail = detail,
        RemoteIp = "127.0.0.1",
        PrevHash = prev,
        Hash = "",
    };

    [Fact]
    public void The_hash_is_a_lower_case_sha256_hex_string_and_deterministic()
    {
        var h = AuditLog.ComputeHash(Entry(AuditLog.Genesis));
        Assert.Matches("^[0-9a-f]{64}$", h);
        Assert.Equal(h, AuditLog.ComputeHash(Entry(AuditLog.Genesis)));
    }

    [Fact]
    public void Each_hash_depends_on_the_previous_one()
    {
        var first = Entry(AuditLog.Genesis);
        first.Hash = AuditLog.ComputeHash(first);
        var second = Entry(first.Hash, "elder.reveal");
        second.Hash = AuditLog.ComputeHash(second);
        var forked = Entry(AuditLog.ComputeHash(Entry(AuditLog.Genesis, detail: "x")), "elder.reveal");
        Assert.NotEqual(second.Hash, AuditLog.ComputeHash(forked));
        Assert.NotEqual(first.Hash, second.Hash);
    }

    [Fact]
    public void Changing_any_field_changes_the_hash()
    {
        var baseline = AuditLog.ComputeHash(Entry(AuditLog.Genesis));
        var variants = new List<AuditEntry>();
        AuditEntry V(Action<AuditEntry> change) { var e = Entry(AuditLog.Genesis); change(e); return e; }
        variants.Add(V(e => e.At = e.At.AddMilliseconds(1)));
        variants.Add(V(e => e.UserId = 8));
        variants.Add(V(e => e.UserName = "nurse"));
        variants.Add(V(e => e.Role = "nurse"));
        variants.Add(V(e => e.Action = "elder.update"));
        variants.Add(V(e => e.SubjectType = "user"));
        variants.Add(V(e => e.SubjectId = "43"));
        variants.Add(V(e => e.ElderId = 43));
        variants.Add(V(e => e.Detail = "field=idNumber"));
        variants.Add(V(e => e.RemoteIp = "10.0.0.1"));
        Assert.All(variants, v => Assert.NotEqual(baseline, AuditLog.ComputeHash(v)));
    }

    [Fact]
    public void The_id_and_stored_hash_are_not_part_of_the_hash()
    {
        var a = Entry(AuditLog.Genesis);
        var b = Entry(AuditLog.Genesis);
        b.Id = 99;
        b.Hash = "whatever";
        Assert.Equal(AuditLog.ComputeHash(a), AuditLog.ComputeHash(b));
    }

    [Fact]
    public void The_time_is_hashed_in_UTC_to_the_millisecond()
    {
        var a = Entry(AuditLog.Genesis);
        var b = Entry(AuditLog.Genesis);
        b.At = a.At.ToOffset(TimeSpan.FromHours(8));
        Assert.Equal(AuditLog.ComputeHash(a), AuditLog.ComputeHash(b));
        var t = AuditLog.Truncate(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_567));
        Assert.Equal(0, t.UtcTicks % TimeSpan.TicksPerMillisecond);
    }
}
