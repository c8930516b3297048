using System.CommandLine;
using System.Diagnostics;
using Yiyang.Modules.Accounts;
using Yiyang.Modules.Elders.Import;

namespace Yiyang.Platform.Cli;

/// <summary>
/// Admin verbs run on the server console: <c>dotnet run --project src/Yiyang -- migrate</c>, <c>create-admin</c>,
/// <c>seed-demo</c>, <c>import-elders FILE</c>, <c>schema-script</c>, <c>unlock USER</c>. They use the same configuration (appsettings,
/// environment variables such as Database__Provider and ConnectionStrings__Yiyang) as the web app.
/// </summary>
public static class AdminVerbs
{
    private static readonly string[] Verbs = ["migrate", "create-admin", "seed-demo", "import-elders", "schema-script", "seed-city", "verify-audit", "unlock"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Yiyang 管理命令");
        root.Subcommands.Add(Migrate(args));
        root.Subcommands.Add(CreateAdmin(args));
        root.Subcommands.Add(SeedDemo(args));
        root.Subcommands.Add(ImportElders(args));
        root.Subcommands.Add(SeedCity(args));
        root.Subcommands.Add(SchemaScript(args));
        root.Subcommands.Add(VerifyAudit(args));
        root.Subcommands.Add(Unlock(args));
        return await root.Parse(args).InvokeAsync();
    }

    private static Command Migrate(string[] args)
    {
        var migrate = new Command("migrate", "应用数据库迁移（升级现有数据库，不重建）");
        migrate.SetAction(async (_, ct) => await WithHost(args, async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var applied = await MigrationRunner.MigrateAsync(db, ct);
            Console.WriteLine(applied.Count == 0 ? "数据库已是最新。" : $"已应用 {applied.Count} 个迁移：{string.Join(", ", applied)}");
            return 0;
        }));
        return migrate;
    }

    private static Command CreateAdmin(string[] args)
    {
        var userOpt = new Option<string>("--user") { Description = "用户名", Required = true };
        var passOpt = new Option<string>("--password") { Description = "密码（至少 12 位，含字母和数字，不能是常见密码）", Required = true };
        var roleOpt = new Option<string>("--role") { Description = "角色：platform-admin、security-admin、audit-admin", DefaultValueFactory = _ => Roles.PlatformAdmin };
        var createAdmin = new Command("create-admin", "创建管理员账户（生产数据库的第一个管理员由此创建）") { userOpt, passOpt, roleOpt };
        createAdmin.SetAction(async (r, ct) => await WithHost(args, async sp =>
        {
            var role = r.GetValue(roleOpt)!;
            if (role is not (Roles.PlatformAdmin or Roles.SecurityAdmin or Roles.AuditAdmin))
            {
                Console.Error.WriteLine("只能用此命令创建三类管理员。");
                return 2;
            }
            var db = sp.GetRequiredService<YiyangDb>();
            await MigrationRunner.MigrateAsync(db, ct);
            try
            {
                var u = await UserAdmin.CreateAsync(db, sp.GetRequiredService<RegionCatalog>(), sp.GetRequiredService<TimeProvider>(),
                    new CreateUserRequest(r.GetValue(userOpt), Roles.DisplayName(role), r.GetValue(passOpt), role, null, null, null), ct,
                    onConsole: true);
                await sp.GetRequiredService<AuditLog>().Enqueue(new AuditRecord(null, "console", "system", "user.create", "user", u.Id.ToString(), null, $"role={role}", null));
                Console.WriteLine($"已创建 {Roles.DisplayName(role)}：{u.UserName}");
                return 0;
            }
            catch (Errors.AppException e)
            {
                Console.Error.WriteLine(e.Message);
                if (e is Errors.ValidationFailedException v)
                    foreach (var (f, m) in v.Errors) Console.Error.WriteLine($"  {f}: {string.Join(" ", m)}");
                return 2;
            }
        }));
        return createAdmin;
    }

    /// <summary>
    /// Clears a lockout at the console: for the security admin's own account, which no one else can unlock. With
    /// --reset-totp also removes the second factor (a lost phone of an administrator; the user enrols again).
    /// </summary>
    private static Command Unlock(string[] args)
    {
        var userArg = new Argument<string>("userName") { Description = "用户名" };
        var totpOpt = new Option<bool>("--reset-totp") { Description = "同时重置动态口令（手机丢失时；下次登录重新绑定）" };
        var unlock = new Command("unlock", "解除账户的登录锁定（安全管理员本人被锁定时在此解锁）") { userArg, totpOpt };
        unlock.SetAction(async (r, ct) => await WithHost(args, async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            await MigrationRunner.MigrateAsync(db, ct);
            var name = r.GetValue(userArg)!;
            var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name, ct);
            if (user is null) { Console.Error.WriteLine($"用户不存在：{name}"); return 2; }
            await UserAdmin.UnlockAsync(db, sp.GetRequiredService<AuditTrail>(), user.Id, ct);
            Console.WriteLine($"已解锁：{name}");
            if (r.GetValue(totpOpt))
            {
                await sp.GetRequiredService<SecondFactor>().ResetAsync(user, ct);
                await sp.GetRequiredService<AccountSessions>().EndAll(user, ct);
                await db.SaveChangesAsync(ct);
                await sp.GetRequiredService<AuditTrail>().RecordAsync("user.totp.reset", "user", user.Id.ToString());
                Console.WriteLine($"已重置动态口令：{name}（下次登录时重新绑定）");
            }
            return 0;
        }));
        return unlock;
    }

    private static Command SeedDemo(string[] args)
    {
        var seed = new Command("seed-demo", "向空数据库写入王益区演示数据（已有数据时不做任何改动）");
        seed.SetAction(async (_, ct) => await WithHost(args, async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            await MigrationRunner.MigrateAsync(db, ct);
            var seeder = ActivatorUtilities.CreateInstance<Modules.Demo.DemoSeeder>(sp);
            Console.WriteLine(await seeder.SeedIfEmptyAsync(ct) ? "演示数据已写入。" : "数据库已有数据，未写入演示数据。");
            return 0;
        }));
        return seed;
    }

    private static Command ImportElders(string[] args)
    {
        var fileArg = new Argument<FileInfo>("file") { Description = "CSV 文件（UTF-8 或 GBK）" };
        var import = new Command("import-elders", "从 CSV 导入服务对象（有效行导入，无效行逐行报告）") { fileArg };
        import.SetAction(async (r, ct) => await WithHost(args, async sp =>
        {
            var file = r.GetValue(fileArg)!;
            if (!file.Exists) { Console.Error.WriteLine($"文件不存在：{file.FullName}"); return 2; }
            await MigrationRunner.MigrateAsync(sp.GetRequiredService<YiyangDb>(), ct);
            var importer = sp.GetRequiredService<ElderImporter>();
            var sw = Stopwatch.StartNew();
            var progress = new Progress<(int Done, int Total)>(p =>
            {
                var rate = p.Done / Math.Max(0.001, sw.Elapsed.TotalSeconds);
                var eta = rate > 0 ? TimeSpan.FromSeconds((p.Total - p.Done) / rate) : TimeSpan.Zero;
                Console.Error.Write($"\r写入 {p.Done:N0}/{p.Total:N0} 行  {rate:N0} 行/秒  剩余约 {eta:mm\\:ss}   ");
            });
            try
            {
                await using var content = File.OpenRead(file.FullName);
                var result = await importer.ImportAsync(content, progress, ct);
                Console.Error.WriteLine();
                Console.WriteLine($"共 {result.Rows} 行（{result.Encoding}）：导入 {result.Imported}，已存在跳过 {result.Skipped}，无效 {result.Invalid}，用时 {sw.Elapsed.TotalSeconds:N1} 秒。");
                Console.WriteLine($"各阶段用时：{importer.LastTimings}");
                foreach (var e in result.Errors.Take(200)) Console.WriteLine($"  第 {e.Line} 行 [{e.Field}] {e.Message}");
                if (result.ErrorCount > 200) Console.WriteLine($"  ……另有 {result.ErrorCount - 200} 条错误");
                return result.Invalid > 0 ? 1 : 0;
            }
            catch (Errors.AppException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }));
        return import;
    }

    private static Command SeedCity(string[] args)
    {
        var regionOpt = new Option<string>("--region") { Description = "区划代码（市 4 位、区县 6 位等）", DefaultValueFactory = _ => "6101" };
        var eldersOpt = new Option<int>("--elders") { Description = "老年人数", DefaultValueFactory = _ => 3_000_000 };
        var seedOpt = new Option<int>("--seed") { Description = "随机种子（相同参数生成相同数据）", DefaultValueFactory = _ => 42 };
        var asOfOpt = new Option<string?>("--as-of") { Description = "数据截止日期 yyyy-MM-dd（默认今天）" };
        var city = new Command("seed-city", "在 PostgreSQL 上生成可复现的模拟城市（基准测试用；中断后用相同参数重跑即从下一个乡镇继续）")
            { regionOpt, eldersOpt, seedOpt, asOfOpt };
        city.SetAction(async (r, ct) => await WithHost(args, async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            if (!db.Database.IsNpgsql()) { Console.Error.WriteLine("seed-city 只支持 PostgreSQL：设置 Database__Provider=Postgres 和 ConnectionStrings__Yiyang。"); return 2; }
            var elders = r.GetValue(eldersOpt);
            if (elders < 1) { Console.Error.WriteLine("--elders 必须是正整数。"); return 2; }
            var asOfText = r.GetValue(asOfOpt);
            var clock = sp.GetRequiredService<TimeProvider>();
            var asOf = clock.ChinaToday();
            if (asOfText is not null && !DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", out asOf)) { Console.Error.WriteLine("--as-of 的格式是 yyyy-MM-dd。"); return 2; }
            await MigrationRunner.MigrateAsync(db, ct);
            var seeder = ActivatorUtilities.CreateInstance<Modules.Demo.CitySeeder>(sp);
            var interactive = !Console.IsErrorRedirected;
            var lastPrint = TimeSpan.Zero;
            var summary = await seeder.RunAsync(new Modules.Demo.CitySeedOptions(r.GetValue(regionOpt)!, elders, r.GetValue(seedOpt), asOf), p =>
            {
                if (interactive && p.Elapsed - lastPrint < TimeSpan.FromMilliseconds(500) && p.TownshipsDone < p.Townships) return;
                if (!interactive && p.Elapsed - lastPrint < TimeSpan.FromSeconds(10) && p.TownshipsDone < p.Townships) return;
                lastPrint = p.Elapsed;
                Console.Error.Write((interactive ? "\r" : "") + Modules.Demo.CitySeedReport.ProgressLine(p) + (interactive ? "   " : "\n"));
            }, ct);
            if (interactive) Console.Error.WriteLine();
            Console.WriteLine(Modules.Demo.CitySeedReport.Summary(summary));
            await sp.GetRequiredService<AuditLog>().Enqueue(new AuditRecord(null, "console", "system", "seed-city", "database", null, null,
                $"region={r.GetValue(regionOpt)};elders={elders};seed={r.GetValue(seedOpt)};asOf={asOf:yyyy-MM-dd}", null));
            return 0;
        }));
        return city;
    }

    private static Command VerifyAudit(string[] args)
    {
        var latestOpt = new Option<int?>("--latest") { Description = "只校验最近 N 条（默认全部）" };
        var verify = new Command("verify-audit", "校验审计链：哈希与密钥校验码逐条相连，并与库外的签名检查点比对；完整时退出码 0，断裂时 1") { latestOpt };
        verify.SetAction(async (r, ct) => await WithHost(args, async sp =>
        {
            var latest = r.GetValue(latestOpt);
            if (latest is <= 0) { Console.Error.WriteLine("--latest 应为正整数。"); return 2; }
            var db = sp.GetRequiredService<YiyangDb>();
            await MigrationRunner.MigrateAsync(db, ct);
            var v = await sp.GetRequiredService<AuditVerifier>().VerifyAsync(db, ct, latest);
            await sp.GetRequiredService<AuditLog>().Enqueue(new AuditRecord(null, "console", "system", "audit.verify", "audit", null, null,
                $"scope={(latest is > 0 ? $"latest {latest}" : "all")}; intact={(v.Intact ? "yes" : "no")}; checked={v.Checked}; checkpoints={v.Checkpoints}", null));
            if (v.Intact) Console.WriteLine($"审计链完整：已校验 {v.Checked} 条记录，与 {v.Checkpoints} 个检查点相符。");
            else Console.WriteLine($"审计链断裂：{v.Problem}");
            if (v.Note is { } note) Console.WriteLine(note);
            if (v.LatestCheckpoint is { } cp)
                Console.WriteLine($"最近的检查点：{cp.At.ChinaText("yyyy-MM-dd HH:mm:ss")}，记载到第 {cp.LastId} 号记录（共 {cp.Count} 条）。");
            return v.Intact ? 0 : 1;
        }));
        return verify;
    }

    private static Command SchemaScript(string[] args)
    {
        var script = new Command("schema-script", "打印当前模型的建库 SQL（开发者编写迁移时参考）");
        script.SetAction(async (_, _) => await WithHost(args, sp =>
        {
            Console.WriteLine(sp.GetRequiredService<YiyangDb>().Database.GenerateCreateScript());
            return Task.FromResult(0);
        }, startAudit: false));
        return script;
    }

    private static async Task<int> WithHost(string[] args, Func<IServiceProvider, Task<int>> action, bool startAudit = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddJsonFile(Path.Combine(FindContentRoot(), "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPlatformCore(builder.Configuration, new ContentRootEnv(FindContentRoot(), builder.Environment));
        builder.Services.AddScoped(_ => CurrentUser.Console);
        builder.Services.AddModules(builder.Configuration);
        using var host = builder.Build();
        var audit = host.Services.GetRequiredService<AuditLog>();
        if (startAudit) await audit.StartAsync(CancellationToken.None);
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider);
        }
        finally
        {
            if (startAudit)
            {
                await audit.FlushAsync();
                await audit.StopAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>The project folder when run with dotnet run; the app folder when published.</summary>
    private static string FindContentRoot()
    {
        var cwd = Directory.GetCurrentDirectory();
        if (File.Exists(Path.Combine(cwd, "appsettings.json"))) return cwd;
        var project = Path.Combine(cwd, "src", "Yiyang");
        if (File.Exists(Path.Combine(project, "appsettings.json"))) return project;
        return AppContext.BaseDirectory;
    }

    private sealed class ContentRootEnv(string root, IHostEnvironment inner) : IHostEnvironment
    {
        public string EnvironmentName { get => inner.EnvironmentName; set => inner.EnvironmentName = value; }
        public string ApplicationName { get => inner.ApplicationName; set => inner.ApplicationName = value; }
        public string ContentRootPath { get => root; set { } }
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get => inner.ContentRootFileProvider; set { } }
    }
}
