namespace Yiyang.Platform.Audit;

/// <summary>Request-scoped front of the audit log: fills in who and from where.</summary>
public sealed class AuditTrail(AuditLog log, CurrentUser user, IHttpContextAccessor http, YiyangDb db, TimeProvider clock)
{
    /// <summary>
    /// Records an action. With <paramref name="wait"/> (changes and reveals) the entry is durable when the call returns or,
    /// inside a transaction (every write request has one, <see cref="Data.RequestTransaction"/>), written to the outbox in
    /// that transaction, so it commits with the change or not at all. Without (views and searches) it returns at once.
    /// </summary>
    public Task RecordAsync(string action, string subjectType, string? subjectId, long? elderId = null,
        string? detail = null, bool wait = true)
    {
        var record = new AuditRecord(user.Id, user.IsAuthenticated ? user.UserName : "anonymous",
            user.IsAuthenticated ? user.Role : "", action, subjectType, subjectId, elderId, detail,
            http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        if (wait && db.Database.CurrentTransaction is not null) return ToOutboxAsync(record);
        var task = log.Enqueue(record, urgent: wait);
        return wait ? task : Task.CompletedTask;
    }

    /// <summary>
    /// Records a read of a list of people (queued, not awaited: reads stay cheap): which page, how many rows, and the ids of
    /// the elders shown, compactly (<see cref="AuditIds.Compact"/>), so that an auditor can find who saw an elder in a list.
    /// A page whose ids do not fit one entry's detail is recorded in several entries (part=1/2, 2/2).
    /// </summary>
    public Task RecordListAsync(string action, string subjectType, string? subjectId, int page, IEnumerable<long> elderIds, string? detail = null)
    {
        var ids = elderIds.ToList();
        var head = $"page={page}; shown={ids.Count}" + (detail is null ? "" : "; " + detail);
        var parts = AuditIds.Split(ids, 500 - head.Length - "; part=99/99; elders=".Length);
        for (var i = 0; i < parts.Count; i++)
        {
            var text = head + (parts.Count > 1 ? $"; part={i + 1}/{parts.Count}" : "") + (parts[i].Length > 0 ? "; elders=" + parts[i] : "");
            _ = RecordAsync(action, subjectType, subjectId, ids.Count == 1 ? ids[0] : null, text, wait: false);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Records a refusal (a denied reveal, a refused search): the entry stays although the request then fails with the 403
    /// or 429 that reports it (<see cref="Data.RequestTransaction.Keep"/>).
    /// </summary>
    public Task RecordRefusalAsync(string action, string subjectType, string? subjectId, long? elderId = null, string? detail = null)
    {
        Data.RequestTransaction.Keep(http.HttpContext);
        DenialAudit.MarkRecorded(http.HttpContext);
        return RecordAsync(action, subjectType, subjectId, elderId, detail);
    }

    public Task RecordAsAsync(string userName, long? userId, string role, string action, string subjectType,
        string? subjectId, string? detail = null)
    {
        var record = new AuditRecord(userId, userName, role, action, subjectType, subjectId, null, detail,
            http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        return db.Database.CurrentTransaction is not null ? ToOutboxAsync(record) : log.Enqueue(record);
    }

    /// <summary>One INSERT in the open transaction (raw SQL, so that no other pending change of the context is saved with it).</summary>
    private Task ToOutboxAsync(AuditRecord r)
    {
        var at = AuditLog.Truncate(clock.GetUtcNow());
        object atValue = db.IsSqlite ? new UtcInstantToBinaryConverter().ConvertToProvider(at)! : at;
        var detail = r.Detail is { Length: > 500 } d ? d[..500] : r.Detail;
        return db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO platform_audit_outbox (at, user_id, user_name, role, action, subject_type, subject_id, elder_id, detail, remote_ip)
             VALUES ({atValue}, {r.UserId}, {r.UserName}, {r.Role}, {r.Action}, {r.SubjectType}, {r.SubjectId}, {r.ElderId}, {detail}, {r.RemoteIp})
             """);
    }
}

/// <summary>Elder ids written compactly into an audit detail: ascending, runs of consecutive ids as a range ("12-15,40,97").</summary>
public static class AuditIds
{
    public static string Compact(IEnumerable<long> ids) => string.Join(",", Runs(ids));

    /// <summary>The compact text in pieces of at most <paramref name="max"/> characters (one empty piece when there are no ids).</summary>
    public static List<string> Split(IEnumerable<long> ids, int max)
    {
        var pieces = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var run in Runs(ids))
        {
            if (current.Length > 0 && current.Length + 1 + run.Length > max)
            {
                pieces.Add(current.ToString());
                current.Clear();
            }
            if (current.Length > 0) current.Append(',');
            current.Append(run);
        }
        pieces.Add(current.ToString());
        return pieces;
    }

    private static IEnumerable<string> Runs(IEnumerable<long> ids)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        long? start = null, end = null;
        foreach (var id in ids.Distinct().Order())
        {
            if (end is { } e && id == e + 1)
            {
                end = id;
                continue;
            }
            if (start is { } s0) yield return s0 == end ? s0.ToString(inv) : $"{s0.ToString(inv)}-{end!.Value.ToString(inv)}";
            start = end = id;
        }
        if (start is { } s1) yield return s1 == end ? s1.ToString(inv) : $"{s1.ToString(inv)}-{end!.Value.ToString(inv)}";
    }
}
