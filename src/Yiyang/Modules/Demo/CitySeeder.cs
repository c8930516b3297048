using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Demo;

public sealed record CitySeedOptions(string Region, int Elders, int Seed, DateOnly AsOf);

public sealed record CitySeedProgress(int TownshipsDone, int Townships, long EldersDone, long Elders, long Events, TimeSpan Elapsed);

public sealed record CitySeedSummary(int Townships, int TownshipsSkipped, long Elders, long Organizations, long Contracts, long Visits,
    long Services, long Vitals, long Assessments, long Charges, long HealthChecks, long TimelineEvents, TimeSpan Elapsed)
{
    /// <summary>Service events: contracts, visits, services performed, vitals, assessments, charge lines, health checks.</summary>
    public long Events => Contracts + Visits + Services + Vitals + Assessments + Charges + HealthChecks;
}

/// <summary>
/// <c>seed-city</c>: a deterministic synthetic city on PostgreSQL — real township codes of the region,
/// organizations per township, elders with encrypted personal fields and valid never-colliding ID numbers, two
/// consecutive family-doctor contracts, a year of completed home visits with services and vitals, GB/T 42195
/// assessments, and timeline events. Bulk rows are written with binary COPY, one transaction per township; a township
/// is recorded in <c>seed_city_progress</c> when it commits, so an interrupted run resumes at the next township and
/// generates exactly the same data (each township draws from its own random stream).
/// </summary>
public sealed class CitySeeder(YiyangDb db, RegionCatalog regions, PiiProtector pii, InstrumentCatalog instruments)
{
    private const string Actor = "seed-city";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly RiskFlags LedgerBits = RiskFlags.Disabled | RiskFlags.Dementia | RiskFlags.OldestOld | RiskFlags.Disability | RiskFlags.LivingAlone;

    public sealed record Plan(IReadOnlyList<(Region Township, int Elders, int IndexInCounty, int CountyTownships)> Townships);

    /// <summary>Townships of the region and the deterministic number of elders of each (weights 0.5–1.5, sum exact).</summary>
    public Plan MakePlan(CitySeedOptions o)
    {
        var townships = regions.TownshipsUnder(o.Region).OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
        if (townships.Count == 0) throw new ArgumentException($"区划 {o.Region} 下没有乡镇（街道）。");
        var rng = new Random(o.Seed);
        var weights = townships.Select(_ => 0.5 + rng.NextDouble()).ToArray();
        var sum = weights.Sum();
        var counts = weights.Select(w => (int)Math.Floor(o.Elders * w / sum)).ToArray();
        for (int i = 0, rest = o.Elders - counts.Sum(); rest > 0; i = (i + 1) % counts.Length, rest--) counts[i]++;
        var byCounty = townships.GroupBy(t => t.Code[..6]).ToDictionary(g => g.Key, g => g.Select(t => t.Code).ToList());
        return new Plan(townships.Select((t, i) =>
        {
            var county = byCounty[t.Code[..6]];
            return (t, counts[i], county.IndexOf(t.Code), county.Count);
        }).ToList());
    }

    public async Task<CitySeedSummary> RunAsync(CitySeedOptions o, Action<CitySeedProgress> progress, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) throw new InvalidOperationException("seed-city 只支持 PostgreSQL（Database:Provider=Postgres）。");
        var plan = MakePlan(o);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        var done = await StartOrResumeAsync(conn, o, ct);

        // the big tables load without their non-unique secondary indexes, which are built once at the end (resumable: the
        // definitions wait in seed_city_index until rebuilt); unique indexes and constraints stay and keep checking the data
        await DropSecondaryIndexesAsync(conn, ct);

        var templates = new Templates(AssessmentTemplates(new Random(o.Seed ^ 0x5eed)), CheckTemplates(new Random(o.Seed ^ 0xc4ec)), TcmTemplates(new Random(o.Seed ^ 0x7c1)));
        var sw = Stopwatch.StartNew();
        var total = new Counts();
        long eldersDone = plan.Townships.Where(t => done.Contains(t.Township.Code)).Sum(t => (long)t.Elders);
        var skipped = done.Count(c => plan.Townships.Any(t => t.Township.Code == c));
        var townshipsDone = skipped;
        progress(new CitySeedProgress(townshipsDone, plan.Townships.Count, eldersDone, o.Elders, 0, sw.Elapsed));
        // townships are independent (own random stream, own ID-number block, ids reserved under a lock): several are seeded
        // at once, each on its own connection, so that PostgreSQL's COPY work spreads over the cores
        var work = new Queue<(Region Township, int Elders, int IndexInCounty, int CountyTownships, long FirstOrdinal)>();
        long ordinal = 0; // elders of the townships before this one: makes phone numbers unique across the city
        foreach (var t in plan.Townships)
        {
            ordinal += t.Elders;
            if (!done.Contains(t.Township.Code)) work.Enqueue((t.Township, t.Elders, t.IndexInCounty, t.CountyTownships, ordinal - t.Elders));
        }
        var gate = new object();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        async Task WorkerAsync(NpgsqlConnection c)
        {
            while (true)
            {
                (Region Township, int Elders, int IndexInCounty, int CountyTownships, long FirstOrdinal) t;
                lock (gate)
                {
                    if (!work.TryDequeue(out t)) return;
                }
                try
                {
                    var n = await SeedTownshipAsync(c, o, t.Township, t.Elders, t.IndexInCounty, t.CountyTownships, t.FirstOrdinal, templates, failed.Token);
                    lock (gate)
                    {
                        total.Add(n);
                        eldersDone += t.Elders;
                        townshipsDone++;
                        progress(new CitySeedProgress(townshipsDone, plan.Townships.Count, eldersDone, o.Elders, total.Events, sw.Elapsed));
                    }
                }
                catch
                {
                    await failed.CancelAsync(); // the other workers stop at their next step; committed townships stay done
                    throw;
                }
            }
        }
        await OnConnectionsAsync(conn, WorkerAsync, ct);
        await RebuildSecondaryIndexesAsync(conn, ct);
        // VACUUM as well: sets the visibility map of the freshly loaded tables, so that autovacuum does not do it later under
        // the first queries (measured: at 750k elders it ran during the benchmarks); minutes at city size: no command timeout
        await Exec(conn, "VACUUM (ANALYZE)", ct, timeoutSeconds: 0);
        return new CitySeedSummary(plan.Townships.Count, skipped, total.Elders, total.Organizations, total.Contracts, total.Visits,
            total.Services, total.Vitals, total.Assessments, total.Charges, total.HealthChecks, total.Timeline, sw.Elapsed);
    }

    /// <summary>
    /// Records the run's parameters, or checks them against the run being resumed; returns the townships already done.
    /// </summary>
    private static async Task<HashSet<string>> StartOrResumeAsync(NpgsqlConnection conn, CitySeedOptions o, CancellationToken ct)
    {
        await Exec(conn, """
            CREATE TABLE IF NOT EXISTS seed_city_run (id int PRIMARY KEY CHECK (id = 1), region varchar(12) NOT NULL, elders int NOT NULL, seed int NOT NULL, as_of date NOT NULL);
            CREATE TABLE IF NOT EXISTS seed_city_progress (township_code varchar(12) PRIMARY KEY, elders int NOT NULL, events bigint NOT NULL, done_at timestamptz NOT NULL);
            """, ct);
        await using (var cmd = new NpgsqlCommand("SELECT region, elders, seed, as_of FROM seed_city_run", conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (await r.ReadAsync(ct))
            {
                var (region, elders, seed, asOf) = (r.GetString(0), r.GetInt32(1), r.GetInt32(2), DateOnly.FromDateTime(r.GetDateTime(3)));
                if (region != o.Region || elders != o.Elders || seed != o.Seed || asOf != o.AsOf)
                    throw new InvalidOperationException(
                        $"此数据库已按其他参数生成过城市数据（--region {region} --elders {elders} --seed {seed} --as-of {asOf:yyyy-MM-dd}）；" +
                        "用相同参数续跑，或换一个空数据库。");
            }
        }
        await Exec(conn, $"INSERT INTO seed_city_run VALUES (1, '{o.Region}', {o.Elders}, {o.Seed}, '{o.AsOf:yyyy-MM-dd}') ON CONFLICT (id) DO NOTHING", ct);
        var done = new HashSet<string>();
        await using (var cmd = new NpgsqlCommand("SELECT township_code FROM seed_city_progress", conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) done.Add(r.GetString(0));
        return done;
    }

    /// <summary>Runs <paramref name="worker"/> on <paramref name="conn"/> and on up to three more connections at once.</summary>
    private async Task OnConnectionsAsync(NpgsqlConnection conn, Func<NpgsqlConnection, Task> worker, CancellationToken ct)
    {
        var workers = Math.Clamp(Environment.ProcessorCount, 1, 4);
        var extra = new List<NpgsqlConnection>();
        try
        {
            for (var i = 1; i < workers; i++)
            {
                var c = new NpgsqlConnection(db.Database.GetConnectionString());
                await c.OpenAsync(ct);
                extra.Add(c);
            }
            await Task.WhenAll(new[] { conn }.Concat(extra).Select(worker));
        }
        finally
        {
            foreach (var c in extra) await c.DisposeAsync();
        }
    }

    private static readonly string[] BulkTables =
    [
        "elders_elder", "elders_timeline_event", "familydoctor_contract", "homecare_visit", "homecare_visit_service", "homecare_visit_vital",
        "assessments_assessment", "billing_quota_use", "billing_charge", "healthmgmt_check", "healthmgmt_tcm",
    ];

    /// <summary>Drops the non-unique, non-primary indexes of the big tables, keeping their definitions in seed_city_index.</summary>
    private static async Task DropSecondaryIndexesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Exec(conn, "CREATE TABLE IF NOT EXISTS seed_city_index (name varchar(128) PRIMARY KEY, definition text NOT NULL)", ct);
        var tables = string.Join(", ", BulkTables.Select(t => $"'{t}'"));
        await Exec(conn,
            "INSERT INTO seed_city_index (name, definition) " +
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i " +
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace " +
            $"WHERE n.nspname = current_schema() AND t.relname IN ({tables}) AND NOT i.indisunique AND NOT i.indisprimary " +
            "ON CONFLICT (name) DO NOTHING", ct);
        var names = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT name FROM seed_city_index WHERE to_regclass(quote_ident(name)) IS NOT NULL", conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) names.Add(r.GetString(0));
        foreach (var name in names) await Exec(conn, $"DROP INDEX \"{name}\"", ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Builds the dropped indexes again (parallel workers per index) and forgets them, one index per transaction.</summary>
    private static async Task RebuildSecondaryIndexesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var pending = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand("SELECT name, definition FROM seed_city_index ORDER BY name", conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) pending.Add((r.GetString(0), r.GetString(1)));
        await Exec(conn, "SET max_parallel_maintenance_workers = 2", ct);
        foreach (var (name, definition) in pending)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            await Exec(conn, definition.Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal), ct, timeoutSeconds: 0);
            await using (var del = new NpgsqlCommand("DELETE FROM seed_city_index WHERE name = @n", conn))
            {
                del.Parameters.AddWithValue("n", name);
                await del.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        await Exec(conn, "RESET max_parallel_maintenance_workers", ct);
        await Exec(conn, "DROP TABLE seed_city_index", ct); // every index is back
    }

    private sealed class Counts
    {
        public long Elders, Organizations, Contracts, Visits, Services, Vitals, Assessments, Timeline, Charges, HealthChecks;
        public long Events => Contracts + Visits + Services + Vitals + Assessments + Charges + HealthChecks;

        public void Add(Counts c)
        {
            Elders += c.Elders; Organizations += c.Organizations; Contracts += c.Contracts; Visits += c.Visits;
            Services += c.Services; Vitals += c.Vitals; Assessments += c.Assessments; Timeline += c.Timeline; Charges += c.Charges; HealthChecks += c.HealthChecks;
        }
    }

    private sealed record ElderRow(long Id, Elder Record, int Age);

    private sealed record Templates(IReadOnlyList<AssessmentTemplate> Assessments, IReadOnlyList<CheckTemplate> Checks, IReadOnlyList<TcmTemplate> Tcm);

    private sealed record VisitRow(long ElderId, DateOnly Date, int Source, DateTimeOffset In, DateTimeOffset Out, int ConfirmedBy, bool Chronic, decimal DistanceKm)
    {
        public (string Code, string Name)[] Services => Chronic && Source == 2 ? [("FD-BP", "血压测量"), ("FD-GLU", "血糖检测")] : [("FD-HV", "上门巡诊"), ("FD-BP", "血压测量")];
    }

    /// <summary>The demo catalog of a health centre (same prices as the demo district) and its 上门服务费 bands.</summary>
    private static readonly Dictionary<string, (string Name, decimal Price)> Prices = new()
    {
        ["FD-BP"] = ("血压测量", 5.00m),
        ["FD-GLU"] = ("血糖检测", 10.00m),
        ["FD-HV"] = ("上门巡诊", 30.00m),
        ["FD-HA"] = ("健康评估与指导", 20.00m),
        ["NS-DRESS"] = ("换药", 25.00m),
        ["NS-CATH"] = ("导尿管护理", 40.00m),
        ["NS-IM"] = ("肌内注射", 8.00m),
    };

    private static readonly Dictionary<string, int> Quota = new() { ["FD-BP"] = 4, ["FD-GLU"] = 4, ["FD-HV"] = 12, ["FD-HA"] = 1 };

    private static decimal ServiceFee(decimal km) => km < 3m ? 20.00m : km < 10m ? 35.00m : 50.00m;

    private sealed record ChargeRow(long VisitId, long ElderId, DateOnly Date, string Code, string Name, int Kind, decimal Price, string Payer,
        string? CoveredBy, long? ContractId, long? QuotaUseId, decimal? DistanceKm);

    private sealed record QuotaRow(long Id, long ContractId, string Code, DateOnly PeriodStart, int Ordinal, int Quantity, long VisitId, long ElderId, DateTimeOffset At);

    private sealed record AssessmentTemplate(string AnswersJson, string ResultJson, int Total, int LevelCode, string LevelName);

    private sealed record CheckTemplate(string ContentJson, int SelfCareTotal, int SelfCareBand, decimal? Bmi, int? Systolic, int? Diastolic, bool Abnormal, bool Complete);

    private sealed record TcmTemplate(string AnswersJson, string ResultJson, string Identified, string GuidanceJson, bool Complete);

    /// <summary>65+ yearly records (基本公卫) built and evaluated by the health-management module's own form rules.</summary>
    private static IReadOnlyList<CheckTemplate> CheckTemplates(Random rng)
    {
        var selfCare = new Assessments.Instruments.PhsSelfCareScorer();
        var form = new HealthManagement.HealthCheckForm(selfCare.Definition);
        var list = new List<CheckTemplate>();
        for (var n = 0; n < 64; n++)
        {
            var sections = HealthManagement.HealthManagementDemoData.Content(rng, n % 2 == 0, n % 7 == 0);
            if (n % 8 == 3) sections["tests"].Remove("ecg"); // one in eight incomplete, as in the demo district
            var errors = new Platform.Errors.FieldErrors();
            var content = form.Normalize(sections.ToDictionary(kv => kv.Key, kv => (Dictionary<string, System.Text.Json.JsonElement>?)kv.Value), errors);
            errors.ThrowIfAny();
            var sc = (Assessments.Instruments.PhsSelfCareResult)selfCare.Score(new AssessmentAnswers(form.SelfCareItems(content)));
            var eval = form.Evaluate(content, sc.Total);
            list.Add(new CheckTemplate(content.ToJsonString(), sc.Total, sc.Band.Code, eval.Bmi,
                (int?)HealthManagement.HealthCheckForm.Number(content, "physicalExam", "systolic"),
                (int?)HealthManagement.HealthCheckForm.Number(content, "physicalExam", "diastolic"), eval.Abnormalities.Count > 0, eval.Complete));
        }
        return list;
    }

    private static IReadOnlyList<TcmTemplate> TcmTemplates(Random rng)
    {
        var scorer = new Assessments.Instruments.TcmConstitutionScorer();
        var list = new List<TcmTemplate>();
        for (var n = 0; n < 64; n++)
        {
            var items = Enumerable.Range(1, 33).ToDictionary(i => "Q" + i, _ => (int?)(rng.NextDouble() < 0.7 ? 1 : rng.Next(2, 5)));
            var result = (Assessments.Instruments.TcmResult)scorer.Score(new AssessmentAnswers(items));
            var topics = n % 10 != 0 ? Assessments.Instruments.TcmConstitutionScorer.Topics.Select(t => t.Code).ToList() : ["emotion", "diet"];
            var identified = result.NothingIdentified ? "" : string.Join("、", result.Constitutions.Where(c => c.Identified).Select(c => $"{c.Name}（{c.Verdict}）"));
            list.Add(new TcmTemplate(JsonSerializer.Serialize(new { items }, Json), JsonSerializer.Serialize(result, Json),
                identified.Length > 200 ? identified[..199] + "…" : identified, JsonSerializer.Serialize(topics, Json), topics.Count == 5));
        }
        return list;
    }

    private async Task<Counts> SeedTownshipAsync(NpgsqlConnection conn, CitySeedOptions o, Region township, int elderCount,
        int indexInCounty, int countyTownships, long firstOrdinal, Templates templates, CancellationToken ct)
    {
        var seed = new TownshipSeed(conn, o, township, elderCount, indexInCounty, countyTownships, firstOrdinal, templates, pii, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // the steps draw from the township's random stream in this order, which must not change: same parameters, same data
        await seed.OrganizationsAsync();
        await seed.TeamAndPackageAsync();
        await seed.EldersAsync();
        await seed.ContractsAsync();
        await seed.VisitsAsync();
        await seed.ChargesAsync();
        await seed.AssessmentsAsync();
        await seed.HealthRecordsAsync();
        await seed.TimelineAndProgressAsync(tx);
        await tx.CommitAsync(ct);
        return seed.Counts;
    }

    /// <summary>One township of <c>seed-city</c>: its state and one method per step, all on one connection and transaction.</summary>
    private sealed class TownshipSeed(NpgsqlConnection conn, CitySeedOptions o, Region township, int elderCount,
        int indexInCounty, int countyTownships, long firstOrdinal, Templates templates, PiiProtector pii, CancellationToken ct)
    {
        // HashCode.Combine is randomised per process: the stream must depend on the seed and the township only
        private readonly Random _rng = new(unchecked(o.Seed * 1_000_003 + StableHash(township.Code)));
        private readonly string _county = township.Code[..6];
        private readonly DateTimeOffset _now = new DateTimeOffset(o.AsOf.ToDateTime(new TimeOnly(20, 0)), Beijing).ToUniversalTime();
        private readonly bool _isStreet = township.Name.EndsWith("街道", StringComparison.Ordinal) || township.Name.EndsWith("办事处", StringComparison.Ordinal);
        private readonly DateOnly _windowStart = o.AsOf.AddDays(-364);
        private readonly List<ElderRow> _elders = new(elderCount);
        private readonly List<(long ElderId, DateTimeOffset At, string Kind, string Module, string Summary)> _timeline = new(elderCount * 8);
        private readonly List<(long ElderId, DateOnly Start, DateOnly End, int Status, int SignedBy, long? Previous, decimal Fee)> _contracts = [];
        private readonly Dictionary<long, int> _contractIndex = []; // elder → index of its previous contract (the renewal follows it)
        private readonly List<(ElderRow Elder, DateOnly CurrentStart)> _signed = [];
        private readonly List<VisitRow> _visits = [];
        private Organization _centre = null!;
        private long _teamId, _packageId, _firstContract, _firstVisit;

        public Counts Counts { get; } = new() { Elders = elderCount };

        /// <summary>A health centre (or township hospital), two village clinics, a care home; every fifth an integrated one.</summary>
        public async Task OrganizationsAsync()
        {
            var orgs = new List<Organization>
            {
                Org(township, _isStreet ? "社区卫生服务中心" : "卫生院", OrganizationKind.Medical, _isStreet ? "社区卫生服务中心" : "乡镇卫生院", null, _rng, _now),
                Org(township, _isStreet ? "第一社区卫生服务站" : "第一村卫生室", OrganizationKind.Medical, _isStreet ? "社区卫生服务站" : "村卫生室", null, _rng, _now),
                Org(township, _isStreet ? "第二社区卫生服务站" : "第二村卫生室", OrganizationKind.Medical, _isStreet ? "社区卫生服务站" : "村卫生室", null, _rng, _now),
                Org(township, _isStreet ? "社区养老服务中心" : "敬老院", OrganizationKind.ElderlyCare, null, _isStreet ? "综合型" : "助养型", _rng, _now),
            };
            if (StableHash(township.Code) % 5 == 0)
                orgs.Add(Org(township, "医养结合中心", OrganizationKind.Integrated, "护理院", "护理型", _rng, _now));
            var orgIds = await ReserveIdsAsync(conn, "org_organization", orgs.Count, ct);
            for (var i = 0; i < orgs.Count; i++) orgs[i].Id = orgIds + i;
            await CopyOrganizationsAsync(conn, orgs, ct);
            Counts.Organizations = orgs.Count;
            _centre = orgs[0];
        }

        /// <summary>A family-doctor team and the basic package of the centre (small: plain inserts).</summary>
        public async Task TeamAndPackageAsync()
        {
            _teamId = await ScalarAsync(conn, $"INSERT INTO familydoctor_team (name, organization_id, township_code, county_code, created_at, updated_at, version) " +
                $"VALUES ('{township.Name}家庭医生团队', {_centre.Id}, '{township.Code}', '{_county}', @now, @now, 0) RETURNING id", _now, ct);
            _packageId = await ScalarAsync(conn, "INSERT INTO familydoctor_package (name, organization_id, township_code, county_code, annual_fee_yuan, insurance_fund_yuan, " +
                $"public_health_fund_yuan, elder_pays_yuan, active, created_at, updated_at, version) VALUES ('老年人基础包', {_centre.Id}, '{township.Code}', '{_county}', 120, 60, 40, 20, true, @now, @now, 0) RETURNING id", _now, ct);
            await Exec(conn, $"""
                INSERT INTO familydoctor_team_member (team_id, name, role, is_leader, county_code) VALUES
                  ({_teamId}, '刘文斌', 'general-practitioner', true, '{_county}'), ({_teamId}, '陈春梅', 'nurse', false, '{_county}'), ({_teamId}, '孙志刚', 'public-health', false, '{_county}');
                INSERT INTO familydoctor_package_item (package_id, service_code, service_name, quantity, period, county_code) VALUES
                  ({_packageId}, 'FD-BP', '血压测量', 4, 'year', '{_county}'), ({_packageId}, 'FD-GLU', '血糖检测', 4, 'year', '{_county}'),
                  ({_packageId}, 'FD-HV', '上门巡诊', 12, 'year', '{_county}'), ({_packageId}, 'FD-HA', '健康评估与指导', 1, 'year', '{_county}');
                """, ct);
        }

        public async Task EldersAsync()
        {
            var ids = new IdNumberAllocator(_county, indexInCounty, countyTownships);
            var firstElder = await ReserveIdsAsync(conn, "elders_elder", elderCount, ct);
            for (var i = 0; i < elderCount; i++)
            {
                var age = CityModel.DrawAge(_rng);
                var sex = CityModel.DrawSex(_rng, age);
                var birth = CityModel.BirthDate(_rng, age, o.AsOf);
                var idNumber = ids.Next(_rng, sex, birth);
                var info = ChineseIdNumber.TryParse(idNumber, o.AsOf, out _) ?? throw new InvalidOperationException("generated an invalid ID number");
                var name = CityModel.DrawName(_rng, sex);
                var flags = CityModel.DrawFlags(_rng, age);
                var phone = _rng.NextDouble() < 0.8 ? CityModel.Phone(firstOrdinal + i) : null;
                List<ContactInput> contacts = _rng.NextDouble() < 0.6
                    ? [new ContactInput(CityModel.DrawName(_rng, _rng.Next(2) == 0 ? Sex.Male : Sex.Female), _rng.Next(2) == 0 ? "子女" : "配偶", CityModel.Phone(500_000_000L + firstOrdinal + i))]
                    : [];
                var v = new ValidElder(name, info, phone, township.Code, CityModel.DrawAddress(_rng, township.Name), contacts,
                    _rng.NextDouble() < 0.55 ? "城乡" : "职工", null, flags, _centre.Id);
                var e = ElderRecord.Create(v, _centre.Id, pii, _now);
                e.Id = firstElder + i;
                _elders.Add(new ElderRow(e.Id, e, o.AsOf.Year - birth.Year - (o.AsOf < birth.AddYears(o.AsOf.Year - birth.Year) ? 1 : 0)));
            }
            await CopyEldersAsync(conn, _elders, ct);
        }

        /// <summary>Contracts: the previous year's (到期) and its renewal (生效).</summary>
        public async Task ContractsAsync()
        {
            foreach (var el in _elders)
            {
                var ledger = (el.Record.Flags & LedgerBits) != 0;
                var p = ledger ? 0.85 : el.Age >= 65 ? 0.55 : 0.25;
                if (_rng.NextDouble() >= p) continue;
                var currentStart = o.AsOf.AddDays(-_rng.Next(0, 330));
                var previousStart = currentStart.AddYears(-1);
                _contractIndex[el.Id] = _contracts.Count;
                _contracts.Add((el.Id, previousStart, currentStart.AddDays(-1), 2, _rng.NextDouble() < 0.7 ? 1 : 2, null, 120m));
                _contracts.Add((el.Id, currentStart, currentStart.AddYears(1).AddDays(-1), 1, _rng.NextDouble() < 0.7 ? 1 : 2, -1, 120m));
                _signed.Add((el, currentStart));
                _timeline.Add((el.Id, At(previousStart, 10), "familydoctor.signed", "familydoctor", "签约家庭医生：老年人基础包"));
                _timeline.Add((el.Id, At(currentStart, 10), "familydoctor.renewed", "familydoctor", "续约家庭医生：老年人基础包"));
            }
            _firstContract = await ReserveIdsAsync(conn, "familydoctor_contract", _contracts.Count, ct);
            await CopyContractsAsync(conn, _contracts, _firstContract, _teamId, _packageId, _centre.Id, township.Code, _county, _now, ct);
            Counts.Contracts = _contracts.Count;
        }

        /// <summary>A year of completed visits: monthly for ledger elders, quarterly otherwise.</summary>
        public async Task VisitsAsync()
        {
            foreach (var (el, _) in _signed)
            {
                var ledger = (el.Record.Flags & LedgerBits) != 0;
                var interval = ledger ? 30 : 91;
                for (var d = _windowStart.AddDays(_rng.Next(interval)); d <= o.AsOf; d = d.AddDays(interval - 3 + _rng.Next(7)))
                {
                    var checkIn = At(d, 8).AddMinutes(_rng.Next(0, 540));
                    _visits.Add(new VisitRow(el.Id, d, ledger ? 3 : 2, checkIn, checkIn.AddMinutes(15 + _rng.Next(30)), _rng.NextDouble() < 0.75 ? 1 : 2,
                        (el.Record.Flags & RiskFlags.Chronic) != 0, Math.Round(0.3m + (decimal)_rng.NextDouble() * 12m, 1)));
                }
            }
            _firstVisit = await ReserveIdsAsync(conn, "homecare_visit", _visits.Count, ct);
            await CopyVisitsAsync(conn, _visits, _firstVisit, _teamId, _centre.Id, township.Code, _county, ct);
            Counts.Visits = _visits.Count;
            Counts.Services = await CopyServicesAsync(conn, _visits, _firstVisit, _county, ct);
            await CopyVitalsAsync(conn, _visits, _firstVisit, _county, _rng, ct);
            Counts.Vitals = _visits.Count;
        }

        /// <summary>
        /// Charges of every visit as the billing rule makes them: package quota per contract year first, else the elder;
        /// the 上门服务费 by distance band, paid by the elder in 街道 and by the package in 乡镇 (the centre's setting).
        /// </summary>
        public async Task ChargesAsync()
        {
            var feeByPackage = !_isStreet;
            await Exec(conn, $"""
                INSERT INTO billing_price_item (organization_id, code, name, unit, price_yuan, active, created_at, updated_at, version)
                SELECT {_centre.Id}, code, name, '次', price, true, now(), now(), 0 FROM (VALUES {string.Join(", ", Prices.Select(p => $"('{p.Key}', '{p.Value.Name}', {p.Value.Price.ToString(CultureInfo.InvariantCulture)})"))}) AS t(code, name, price);
                INSERT INTO billing_service_fee_band (organization_id, from_km, to_km, fee_yuan) VALUES ({_centre.Id}, 0, 3, 20), ({_centre.Id}, 3, 10, 35), ({_centre.Id}, 10, NULL, 50);
                INSERT INTO billing_service_fee_setting (organization_id, payer, updated_at, version) VALUES ({_centre.Id}, '{(feeByPackage ? "family-doctor" : "elder")}', now(), 0);
                """, ct);
            var charges = new List<ChargeRow>(_visits.Count * 3);
            var quotas = new List<QuotaRow>();
            var used = new Dictionary<(long Contract, string Code), int>();
            for (var i = 0; i < _visits.Count; i++)
            {
                var v = _visits[i];
                var visitId = _firstVisit + i;
                var ci = _contractIndex[v.ElderId];
                var renewal = _contracts[ci + 1];
                var (contractId, contractStart) = v.Date >= renewal.Start ? (_firstContract + ci + 1, renewal.Start) : (_firstContract + ci, _contracts[ci].Start);
                foreach (var (code, name) in v.Services.OrderBy(x => x.Code, StringComparer.Ordinal))
                {
                    var n = used.GetValueOrDefault((contractId, code)) + 1;
                    if (n <= Quota[code])
                    {
                        used[(contractId, code)] = n;
                        var q = new QuotaRow(0, contractId, code, contractStart, n, Quota[code], visitId, v.ElderId, v.Out);
                        quotas.Add(q);
                        charges.Add(new ChargeRow(visitId, v.ElderId, v.Date, code, name, 1, Prices[code].Price, "family-doctor",
                            $"签约服务包“老年人基础包”（{name} 第 {n}/{Quota[code]} 次，{contractStart:yyyy-MM-dd} 起的服务周期）", contractId, quotas.Count - 1, null));
                    }
                    else charges.Add(new ChargeRow(visitId, v.ElderId, v.Date, code, name, 1, Prices[code].Price, "elder", null, null, null, null));
                }
                charges.Add(new ChargeRow(visitId, v.ElderId, v.Date, "SERVICE-FEE", "上门服务费", 2, ServiceFee(v.DistanceKm), feeByPackage ? "family-doctor" : "elder",
                    feeByPackage ? "签约服务包“老年人基础包”（机构设定：上门服务费由签约服务包承担）" : null, feeByPackage ? contractId : null, null, v.DistanceKm));
            }
            var firstQuota = await ReserveIdsAsync(conn, "billing_quota_use", quotas.Count, ct);
            await CopyQuotaUsesAsync(conn, quotas, firstQuota, _county, ct);
            await CopyChargesAsync(conn, charges, firstQuota, _centre.Id, township.Code, _county, ct);
            Counts.Charges = charges.Count;

            foreach (var v in _visits)
                _timeline.Add((v.ElderId, v.Out, "homecare.visit.completed", "homecare", v.Source == 3 ? "完成上门巡诊：完成服务 2 项，已测体征" : "完成签约随访：完成服务 2 项，已测体征"));
        }

        /// <summary>GB/T 42195 assessments: disabled or demented elders, and a tenth of the 80+.</summary>
        public async Task AssessmentsAsync()
        {
            var assessments = new List<(long ElderId, DateOnly On, AssessmentTemplate T)>();
            foreach (var el in _elders)
            {
                var f = el.Record.Flags;
                if ((f & (RiskFlags.Disabled | RiskFlags.Dementia)) == 0 && !(el.Age >= 80 && _rng.NextDouble() < 0.1)) continue;
                var t = templates.Assessments[_rng.Next(templates.Assessments.Count)];
                var on = _windowStart.AddDays(_rng.Next(365));
                assessments.Add((el.Id, on, t));
                _timeline.Add((el.Id, At(on, 15), "assessments.signed", "assessments", $"老年人能力评估签字：总分 {t.Total}，{t.LevelName}"));
            }
            var firstAssessment = await ReserveIdsAsync(conn, "assessments_assessment", assessments.Count, ct);
            await CopyAssessmentsAsync(conn, assessments, firstAssessment, _centre.Id, township.Code, _county, ct);
            Counts.Assessments = assessments.Count;
        }

        /// <summary>基本公卫 for the 65+ of the reference year (turning 65 during it counts): a yearly record for 60%, TCM for 45%.</summary>
        public async Task HealthRecordsAsync()
        {
            var year = o.AsOf.Year;
            var yearStart = new DateOnly(year, 1, 1);
            var checks = new List<(long ElderId, DateOnly On, CheckTemplate T)>();
            var tcms = new List<(long ElderId, DateOnly On, TcmTemplate T)>();
            foreach (var el in _elders)
            {
                if (el.Record.BirthDate.Year > year - 65) continue;
                if (_rng.NextDouble() < 0.6) checks.Add((el.Id, yearStart.AddDays(_rng.Next(o.AsOf.DayNumber - yearStart.DayNumber + 1)), templates.Checks[_rng.Next(templates.Checks.Count)]));
                if (_rng.NextDouble() < 0.45) tcms.Add((el.Id, yearStart.AddDays(_rng.Next(o.AsOf.DayNumber - yearStart.DayNumber + 1)), templates.Tcm[_rng.Next(templates.Tcm.Count)]));
            }
            await CopyHealthChecksAsync(conn, checks, year, _centre.Id, township.Code, _county, _now, ct);
            await CopyTcmAsync(conn, tcms, year, _centre.Id, township.Code, _county, _now, ct);
            Counts.HealthChecks = checks.Count + tcms.Count;
            foreach (var c in checks) _timeline.Add((c.ElderId, At(c.On, 11), "healthmgmt.check.created", "healthmgmt", $"{year} 年老年人健康体检记录"));
            foreach (var c in tcms) _timeline.Add((c.ElderId, At(c.On, 11), "healthmgmt.tcm.created", "healthmgmt", $"{year} 年中医药健康管理记录"));
        }

        /// <summary>The timeline events of every step, and the township recorded as done (inside its transaction).</summary>
        public async Task TimelineAndProgressAsync(NpgsqlTransaction tx)
        {
            await CopyTimelineAsync(conn, _timeline, ct);
            Counts.Timeline = _timeline.Count;
            await using var cmd = new NpgsqlCommand("INSERT INTO seed_city_progress VALUES (@t, @e, @v, now())", conn, tx);
            cmd.Parameters.AddWithValue("t", township.Code);
            cmd.Parameters.AddWithValue("e", elderCount);
            cmd.Parameters.AddWithValue("v", Counts.Events);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static DateTimeOffset At(DateOnly d, int hour) => new DateTimeOffset(d.ToDateTime(new TimeOnly(hour, 0)), Beijing).ToUniversalTime();

    /// <summary>A stable (process-independent) hash of a code: string.GetHashCode is randomised per process.</summary>
    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var ch in s) h = (h ^ ch) * 16777619;
            return h & 0x7fffffff;
        }
    }

    private static Organization Org(Region township, string suffix, OrganizationKind kind, string? medicalType, string? careType, Random rng, DateTimeOffset now)
    {
        var body = "12" + township.Code[..6] + (StableHash(township.Code + suffix) % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
        var care = kind != OrganizationKind.Medical;
        var beds = care ? 40 + rng.Next(160) : 0;
        return new Organization
        {
            Name = township.Name + suffix,
            Kind = kind,
            MedicalType = medicalType,
            CareType = careType,
            Level = kind == OrganizationKind.Medical && medicalType is "社区卫生服务中心" or "乡镇卫生院" ? "一级" : null,
            CreditCode = body + CreditCode.CheckCharacter(body),
            MedicalLicenceNo = medicalType is null ? null : "PDY" + body[8..],
            CareLicenceNo = care ? "YL" + body[8..] : null,
            TownshipCode = township.Code,
            CountyCode = township.Code[..6],
            InsuranceDesignated = kind != OrganizationKind.ElderlyCare,
            HasMedicalRoom = care && (kind == OrganizationKind.Integrated || beds >= 100 || rng.NextDouble() < 0.5),
            ElderCareBeds = care ? beds * 3 / 4 : 0,
            NursingBeds = care ? beds / 4 : 0,
            MedicalBeds = kind == OrganizationKind.Integrated ? 20 : 0,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Signed GB/T 42195 results for a spread of ability profiles, scored by the product's own scorer.</summary>
    private IReadOnlyList<AssessmentTemplate> AssessmentTemplates(Random rng)
    {
        var def = instruments.Get("gbt42195-2022");
        var list = new List<AssessmentTemplate>();
        for (var n = 0; n < 48; n++)
        {
            var ability = n / 48.0; // 0 = most dependent
            var items = def.AllItems.ToDictionary(i => i.Key, i =>
            {
                var values = i.Options.Select(x => x.Value).OrderBy(x => x).ToArray();
                var idx = Math.Clamp((int)Math.Round(ability * (values.Length - 1) + (rng.NextDouble() - 0.5)), 0, values.Length - 1);
                return (int?)values[idx];
            });
            var answers = new AssessmentAnswers(items)
            {
                Diagnoses = [],
                RiskEvents30d = new Dictionary<string, int> { ["fall"] = rng.Next(10) == 0 ? 1 : 0, ["choking"] = 0, ["suicide"] = 0, ["selfHarm"] = 0, ["wandering"] = 0, ["other"] = 0 },
            };
            var result = instruments.Score(def.Code, answers);
            using var doc = JsonDocument.Parse(JsonSerializer.Serialize(result, result.GetType(), Json));
            var total = doc.RootElement.GetProperty("total").GetInt32();
            var level = doc.RootElement.GetProperty("finalLevel");
            var request = new { items, coma = false, diagnoses = Array.Empty<string>(), psychiatristDiagnosed = false, riskEvents30d = answers.RiskEvents30d };
            list.Add(new AssessmentTemplate(JsonSerializer.Serialize(request, Json), doc.RootElement.GetRawText(), total,
                level.GetProperty("code").GetInt32(), level.GetProperty("name").GetString()!));
        }
        return list;
    }

    // ---------------------------------------------------------------- COPY writers

    private const long IdLockKey = 7_243_017;

    /// <summary>Takes <paramref name="count"/> ids from the table's identity sequence at once; returns the first.</summary>
    private static async Task<long> ReserveIdsAsync(NpgsqlConnection conn, string table, int count, CancellationToken ct)
    {
        if (count == 0) return 0;
        // nextval + setval is two steps: townships seeded at once take their ranges one after the other (session lock;
        // sequences are not transactional, so the range stays taken even if the township's transaction rolls back)
        await Exec(conn, $"SELECT pg_advisory_lock({IdLockKey})", ct);
        try
        {
            await using var cmd = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), nextval(pg_get_serial_sequence('{table}', 'id')) + {count - 1})", conn);
            var last = (long)(await cmd.ExecuteScalarAsync(ct))!;
            return last - count + 1;
        }
        finally
        {
            await Exec(conn, $"SELECT pg_advisory_unlock({IdLockKey})", CancellationToken.None);
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct, int timeoutSeconds = 30)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = timeoutSeconds };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("now", now);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task CopyOrganizationsAsync(NpgsqlConnection conn, List<Organization> orgs, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY org_organization (id, name, kind, medical_type, care_type, level, credit_code, medical_licence_no, care_licence_no, township_code, county_code, " +
            "insurance_designated, has_geriatrics_dept, has_tcm_hall, has_medical_room, elder_care_beds, nursing_beds, medical_beds, hospice_beds, created_at, updated_at, version) " +
            "FROM STDIN (FORMAT BINARY)", ct);
        foreach (var o in orgs)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(o.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(o.Name, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync((int)o.Kind, NpgsqlDbType.Integer, ct);
            await Nullable(w, o.MedicalType, ct);
            await Nullable(w, o.CareType, ct);
            await Nullable(w, o.Level, ct);
            await w.WriteAsync(o.CreditCode, NpgsqlDbType.Varchar, ct);
            await Nullable(w, o.MedicalLicenceNo, ct);
            await Nullable(w, o.CareLicenceNo, ct);
            await w.WriteAsync(o.TownshipCode, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(o.CountyCode, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(o.InsuranceDesignated, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(o.HasGeriatricsDept, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(o.HasTcmHall, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(o.HasMedicalRoom, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(o.ElderCareBeds, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(o.NursingBeds, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(o.MedicalBeds, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(o.HospiceBeds, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(o.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(o.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task CopyEldersAsync(NpgsqlConnection conn, List<ElderRow> elders, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY elders_elder (id, name, sex, birth_date, id_number_cipher, id_number_hash, id_number_masked, phone_cipher, phone_hash, " +
            "phone_masked, address_cipher, address_masked, contacts_cipher, contact_count, township_code, county_code, insurance_type, " +
            "health_card_cipher, health_card_masked, flags, responsible_organization_id, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in elders)
        {
            var e = row.Record;
            await w.StartRowAsync(ct);
            await w.WriteAsync(e.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(e.Name, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync((int)e.Sex, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(e.BirthDate, NpgsqlDbType.Date, ct);
            await w.WriteAsync(e.IdNumberCipher, NpgsqlDbType.Bytea, ct);
            await w.WriteAsync(e.IdNumberHash, NpgsqlDbType.Bytea, ct);
            await w.WriteAsync(e.IdNumberMasked, NpgsqlDbType.Varchar, ct);
            await NullableBytes(w, e.PhoneCipher, ct);
            await NullableBytes(w, e.PhoneHash, ct);
            await Nullable(w, e.PhoneMasked, ct);
            await NullableBytes(w, e.AddressCipher, ct);
            await Nullable(w, e.AddressMasked, ct);
            await NullableBytes(w, e.ContactsCipher, ct);
            await w.WriteAsync(e.ContactCount, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(e.TownshipCode, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(e.CountyCode, NpgsqlDbType.Varchar, ct);
            await Nullable(w, e.InsuranceType, ct);
            await NullableBytes(w, e.HealthCardCipher, ct);
            await Nullable(w, e.HealthCardMasked, ct);
            await w.WriteAsync((int)e.Flags, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(e.ResponsibleOrganizationId!.Value, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(e.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(e.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task CopyContractsAsync(NpgsqlConnection conn,
        List<(long ElderId, DateOnly Start, DateOnly End, int Status, int SignedBy, long? Previous, decimal Fee)> contracts,
        long firstId, long teamId, long packageId, long orgId, string township, string county, DateTimeOffset now, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY familydoctor_contract (id, elder_id, team_id, package_id, organization_id, township_code, county_code, start_date, end_date, status, signed_by, " +
            "proxy_name, proxy_relation, annual_fee_yuan, elder_pays_yuan, previous_contract_id, signed_by_user, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < contracts.Count; i++)
        {
            var c = contracts[i];
            await w.StartRowAsync(ct);
            await w.WriteAsync(firstId + i, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(c.ElderId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(teamId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(packageId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(orgId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(township, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(county, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(c.Start, NpgsqlDbType.Date, ct);
            await w.WriteAsync(c.End, NpgsqlDbType.Date, ct);
            await w.WriteAsync(c.Status, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(c.SignedBy, NpgsqlDbType.Integer, ct);
            if (c.SignedBy == 2)
            {
                await w.WriteAsync("家属", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync("子女", NpgsqlDbType.Varchar, ct);
            }
            else
            {
                await w.WriteNullAsync(ct);
                await w.WriteNullAsync(ct);
            }
            await w.WriteAsync(c.Fee, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(20m, NpgsqlDbType.Numeric, ct);
            // the renewal (-1) points at the contract written just before it
            if (c.Previous == -1) await w.WriteAsync(firstId + i - 1, NpgsqlDbType.Bigint, ct);
            else await w.WriteNullAsync(ct);
            await w.WriteAsync(Actor, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task CopyVisitsAsync(NpgsqlConnection conn,
        List<VisitRow> visits,
        long firstId, long teamId, long orgId, string township, string county, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY homecare_visit (id, elder_id, team_id, organization_id, township_code, county_code, planned_date, source, status, checked_in_at, " +
            "checked_out_at, completed_on, confirmed_by, confirmer_name, confirmer_relation, created_by_user, staff_user, created_at, updated_at, version, distance_km) " +
            "FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < visits.Count; i++)
        {
            var v = visits[i];
            await w.StartRowAsync(ct);
            await w.WriteAsync(firstId + i, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(v.ElderId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(teamId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(orgId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(township, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(county, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(v.Date, NpgsqlDbType.Date, ct);
            await w.WriteAsync(v.Source, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(3, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(v.In, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(v.Out, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(v.Date, NpgsqlDbType.Date, ct);
            await w.WriteAsync(v.ConfirmedBy, NpgsqlDbType.Integer, ct);
            if (v.ConfirmedBy == 2)
            {
                await w.WriteAsync("家属", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync("子女", NpgsqlDbType.Varchar, ct);
            }
            else
            {
                await w.WriteNullAsync(ct);
                await w.WriteNullAsync(ct);
            }
            await w.WriteAsync(Actor, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync("doctor", NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(v.In, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(v.Out, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(v.DistanceKm, NpgsqlDbType.Numeric, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task<long> CopyServicesAsync(NpgsqlConnection conn,
        List<VisitRow> visits,
        long firstId, string county, CancellationToken ct)
    {
        long n = 0;
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY homecare_visit_service (visit_id, service_code, service_name, planned, status, recorded_at, county_code) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < visits.Count; i++)
        {
            var v = visits[i];
            foreach (var (code, name) in v.Services)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(firstId + i, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(code, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(name, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(v.Out, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(county, NpgsqlDbType.Varchar, ct);
                n++;
            }
        }
        await w.CompleteAsync(ct);
        return n;
    }

    private static async Task CopyVitalsAsync(NpgsqlConnection conn,
        List<VisitRow> visits,
        long firstId, string county, Random rng, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY homecare_visit_vital (visit_id, systolic_mm_hg, diastolic_mm_hg, pulse_per_min, glucose_mmol_l, spo2_percent, recorded_at, county_code) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < visits.Count; i++)
        {
            var v = visits[i];
            await w.StartRowAsync(ct);
            await w.WriteAsync(firstId + i, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(110 + rng.Next(60), NpgsqlDbType.Integer, ct);
            await w.WriteAsync(65 + rng.Next(30), NpgsqlDbType.Integer, ct);
            await w.WriteAsync(60 + rng.Next(40), NpgsqlDbType.Integer, ct);
            if (v.Chronic) await w.WriteAsync(Math.Round(4.5m + (decimal)rng.NextDouble() * 6m, 1), NpgsqlDbType.Numeric, ct);
            else await w.WriteNullAsync(ct);
            await w.WriteAsync(93 + rng.Next(7), NpgsqlDbType.Integer, ct);
            await w.WriteAsync(v.Out, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(county, NpgsqlDbType.Varchar, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task CopyAssessmentsAsync(NpgsqlConnection conn, List<(long ElderId, DateOnly On, AssessmentTemplate T)> rows,
        long firstId, long orgId, string township, string county, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY assessments_assessment (id, elder_id, township_code, county_code, instrument_code, instrument_version, reason, assessed_on, assessors_json, " +
            "answers_json, result_json, total, level_code, level_name, status, next_due, organization_id, created_by, signed_by, signed_at, created_at, updated_at, version) " +
            "FROM STDIN (FORMAT BINARY)", ct);
        const string assessors = """[{"userId":null,"name":"刘文斌"},{"userId":null,"name":"陈春梅"}]""";
        for (var i = 0; i < rows.Count; i++)
        {
            var (elderId, on, t) = rows[i];
            var signedAt = At(on, 16);
            await w.StartRowAsync(ct);
            await w.WriteAsync(firstId + i, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(elderId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(township, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(county, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync("gbt42195-2022", NpgsqlDbType.Varchar, ct);
            await w.WriteAsync("2022", NpgsqlDbType.Varchar, ct);
            await w.WriteAsync("routine", NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(on, NpgsqlDbType.Date, ct);
            await w.WriteAsync(assessors, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.AnswersJson, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.ResultJson, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.Total, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(t.LevelCode, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(t.LevelName, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(2, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(on.AddMonths(12), NpgsqlDbType.Date, ct);
            await w.WriteAsync(orgId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(Actor, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync("doctor", NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(signedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(signedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(signedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task CopyQuotaUsesAsync(NpgsqlConnection conn, List<QuotaRow> rows, long firstId, string county, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY billing_quota_use (id, contract_id, service_code, period_start, ordinal, quantity, visit_id, elder_id, county_code, created_at) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var q = rows[i];
            await w.StartRowAsync(ct);
            await w.WriteAsync(firstId + i, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(q.ContractId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(q.Code, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(q.PeriodStart, NpgsqlDbType.Date, ct);
            await w.WriteAsync(q.Ordinal, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(q.Quantity, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(q.VisitId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(q.ElderId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(county, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(q.At, NpgsqlDbType.TimestampTz, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task CopyChargesAsync(NpgsqlConnection conn, List<ChargeRow> rows, long firstQuota, long orgId, string township, string county, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY billing_charge (visit_id, elder_id, organization_id, service_date, item_code, item_name, kind, unit, list_price_yuan, patient_amount_yuan, " +
            "covered_amount_yuan, payer, covered_by, contract_id, quota_use_id, distance_km, township_code, county_code, created_by_user, created_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in rows)
        {
            var elderPays = c.Payer == "elder";
            await w.StartRowAsync(ct);
            await w.WriteAsync(c.VisitId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(c.ElderId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(orgId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(c.Date, NpgsqlDbType.Date, ct);
            await w.WriteAsync(c.Code, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(c.Name, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(c.Kind, NpgsqlDbType.Integer, ct);
            await w.WriteAsync("次", NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(c.Price, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(elderPays ? c.Price : 0m, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(elderPays ? 0m : c.Price, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(c.Payer, NpgsqlDbType.Varchar, ct);
            await Nullable(w, c.CoveredBy, ct);
            if (c.ContractId is { } contract) await w.WriteAsync(contract, NpgsqlDbType.Bigint, ct); else await w.WriteNullAsync(ct);
            if (c.QuotaUseId is { } q) await w.WriteAsync(firstQuota + q, NpgsqlDbType.Bigint, ct); else await w.WriteNullAsync(ct);
            if (c.DistanceKm is { } km) await w.WriteAsync(km, NpgsqlDbType.Numeric, ct); else await w.WriteNullAsync(ct);
            await w.WriteAsync(township, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(county, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(Actor, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(new DateTimeOffset(c.Date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), NpgsqlDbType.TimestampTz, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task CopyHealthChecksAsync(NpgsqlConnection conn, List<(long ElderId, DateOnly On, CheckTemplate T)> rows, int year,
        long orgId, string township, string county, DateTimeOffset now, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY healthmgmt_check (elder_id, township_code, county_code, year, checked_on, content_json, self_care_total, self_care_band, bmi, systolic, diastolic, " +
            "abnormal, complete, status, organization_id, created_by, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (elderId, on, t) in rows)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(elderId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(township, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(county, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(year, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(on, NpgsqlDbType.Date, ct);
            await w.WriteAsync(t.ContentJson, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.SelfCareTotal, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(t.SelfCareBand, NpgsqlDbType.Integer, ct);
            if (t.Bmi is { } bmi) await w.WriteAsync(bmi, NpgsqlDbType.Numeric, ct); else await w.WriteNullAsync(ct);
            if (t.Systolic is { } sys) await w.WriteAsync(sys, NpgsqlDbType.Integer, ct); else await w.WriteNullAsync(ct);
            if (t.Diastolic is { } dia) await w.WriteAsync(dia, NpgsqlDbType.Integer, ct); else await w.WriteNullAsync(ct);
            await w.WriteAsync(t.Abnormal, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(t.Complete, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(1, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(orgId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(Actor, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task CopyTcmAsync(NpgsqlConnection conn, List<(long ElderId, DateOnly On, TcmTemplate T)> rows, int year,
        long orgId, string township, string county, DateTimeOffset now, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY healthmgmt_tcm (elder_id, township_code, county_code, year, assessed_on, answers_json, result_json, identified, guidance_json, complete, status, " +
            "organization_id, created_by, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (elderId, on, t) in rows)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(elderId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(township, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(county, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(year, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(on, NpgsqlDbType.Date, ct);
            await w.WriteAsync(t.AnswersJson, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.ResultJson, NpgsqlDbType.Text, ct);
            await w.WriteAsync(t.Identified, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(t.GuidanceJson, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(t.Complete, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(1, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(orgId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(Actor, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task CopyTimelineAsync(NpgsqlConnection conn,
        List<(long ElderId, DateTimeOffset At, string Kind, string Module, string Summary)> rows, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY elders_timeline_event (elder_id, at, kind, module, summary, actor) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in rows.OrderBy(r => r.At))
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(r.ElderId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(r.At, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(r.Kind, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(r.Module, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(r.Summary, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(Actor, NpgsqlDbType.Varchar, ct);
        }
        await w.CompleteAsync(ct);
    }

    private static async Task Nullable(NpgsqlBinaryImporter w, string? value, CancellationToken ct)
    {
        if (value is null) await w.WriteNullAsync(ct);
        else await w.WriteAsync(value, NpgsqlDbType.Varchar, ct);
    }

    private static async Task NullableBytes(NpgsqlBinaryImporter w, byte[]? value, CancellationToken ct)
    {
        if (value is null) await w.WriteNullAsync(ct);
        else await w.WriteAsync(value, NpgsqlDbType.Bytea, ct);
    }
}
