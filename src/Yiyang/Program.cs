using Yiyang.Platform;
using Yiyang.Platform.Cli;

if (AdminVerbs.IsVerb(args)) return await AdminVerbs.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.Services.AddModules(builder.Configuration);

var app = builder.Build();
app.UsePlatform();
app.MapModules();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
