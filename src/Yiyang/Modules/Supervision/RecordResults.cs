using System.Globalization;

namespace Yiyang.Modules.Supervision;

public sealed record ItemResultInput(int? Position, string? Result, string? Note);

public sealed record RecordResultsInput(IReadOnlyList<ItemResultInput?>? Items);

/// <summary>
/// 逐项记录检查结果 (a drawn inspector, on a draft): per item 符合 (pass) / 不符合 (fail) / 不适用 (na) and a note. Only the
/// items sent change; a result left empty stays unanswered. If-Match, when sent, must be the current version (412).
/// </summary>
public sealed class RecordResults(YiyangDb db, InspectionAccess access, InspectionQueries queries, AuditTrail audit)
{
    public const int MaxNote = 500;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/{id:long}/results", async Task<Ok<InspectionDto>> (long id, RecordResultsInput input, IfMatch ifMatch, RecordResults handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SupervisionPolicies.Inspect)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("逐项记录检查结果：items=[{position, result: pass|fail|na, note}]（仅检查中的记录，被抽中的监督员）");

    public async Task<InspectionDto> HandleAsync(long id, RecordResultsInput input, int? ifMatch, CancellationToken ct)
    {
        var i = await access.LoadDraftAsync(id, ifMatch, ct);
        var items = await db.Set<InspectionItem>().Where(x => x.InspectionId == id).ToDictionaryAsync(x => x.Position, ct);
        var changes = Validate(input, items.Keys.ToHashSet());
        var now = access.Now;
        foreach (var (position, result, note) in changes)
        {
            var item = items[position];
            if (item.Result == result && item.Note == note) continue;
            item.Result = result;
            item.Note = note;
            item.RecordedByUser = access.Actor;
            item.RecordedAt = now;
        }
        i.UpdatedAt = now;
        i.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("supervision.inspection.results", "inspection", id.ToString(CultureInfo.InvariantCulture),
            detail: $"items={string.Join(',', changes.Select(c => $"{c.Position}:{c.Result ?? "-"}"))}");
        return await queries.ToDtoAsync(i, withZoning: true, ct);
    }

    private static List<(int Position, string? Result, string? Note)> Validate(RecordResultsInput input, HashSet<int> positions)
    {
        var errors = new FieldErrors();
        var changes = new List<(int, string?, string?)>();
        if (input.Items is not { Count: > 0 } || input.Items.Count > 200) errors.Add("items", "请提交 1–200 项检查结果。");
        else
            foreach (var (x, n) in input.Items.Select((x, n) => (x, n + 1)))
            {
                var result = string.IsNullOrWhiteSpace(x?.Result) ? null : x.Result.Trim();
                var note = string.IsNullOrWhiteSpace(x?.Note) ? null : x.Note.Trim();
                if (x?.Position is not { } p || !positions.Contains(p)) errors.Add("items", $"第 {n} 条：检查项序号不存在。");
                else if (result is not null && !InspectionRules.Results.Contains(result)) errors.Add("items", $"第 {n} 条：结果只能是 pass（符合）、fail（不符合）或 na（不适用）。");
                else if (note is { Length: > MaxNote } || note?.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) == true) errors.Add("items", $"第 {n} 条：说明最多 {MaxNote} 个字，且不能含控制字符。");
                else if (changes.Any(c => c.Item1 == p)) errors.Add("items", $"第 {n} 条：检查项 {p} 重复。");
                else changes.Add((p, result, note));
            }
        errors.ThrowIfAny();
        return changes;
    }
}
