namespace Yiyang.Modules.HealthManagement;

/// <summary>A yearly health-management record (the health check, the TCM record): drafted, then signed once complete.</summary>
public interface IYearlyRecord : Elders.IElderOwned
{
    int Year { get; }
    bool Complete { get; }
    RecordStatus Status { get; set; }
    string? SignedBy { get; set; }
    DateTimeOffset? SignedAt { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
    int Version { get; set; }
}

/// <summary>The signing rule both yearly records share: not signed twice, version checked, complete first.</summary>
public static class YearlyRecordSigning
{
    /// <param name="incomplete">What the user must still fill in before signing (the record kind's own words).</param>
    public static void Sign(IYearlyRecord record, int? ifMatch, string actor, DateTimeOffset now, string incomplete)
    {
        if (record.Status == RecordStatus.Signed) throw new ConflictException("signed", "该记录已签署。");
        if (ifMatch is not null) Etags.CheckVersion(record.Version, ifMatch, null);
        if (!record.Complete) throw new ConflictException("incomplete", incomplete);
        record.Status = RecordStatus.Signed;
        record.SignedAt = now;
        record.SignedBy = actor;
        record.UpdatedAt = now;
        record.Version++;
    }
}

/// <summary>The rules both yearly records share when they are recorded or corrected.</summary>
public static class YearlyRecordEditing
{
    /// <summary>A correction needs an unsigned record, the current version, and the same elder.</summary>
    public static void CheckEditable(IYearlyRecord record, int? ifMatch, int? version, long? elderId)
    {
        if (record.Status == RecordStatus.Signed) throw new ConflictException("signed", "该记录已签署，不能修改。");
        Etags.CheckVersion(record.Version, ifMatch, version);
        if (elderId is { } e && e != record.ElderId) throw ValidationFailedException.For("elderId", "不能更换记录所属的老年人。");
    }

    /// <summary>Whether the elder already has a record of this kind for the year (one per elder and year).</summary>
    public static Task<bool> YearTakenAsync<T>(this YiyangDb db, long elderId, int year, CancellationToken ct) where T : class, IYearlyRecord =>
        db.Set<T>().AnyAsync(x => x.ElderId == elderId && x.Year == year, ct);

    public static void Touch(IYearlyRecord record, DateTimeOffset now)
    {
        record.UpdatedAt = now;
        record.Version++;
    }
}
