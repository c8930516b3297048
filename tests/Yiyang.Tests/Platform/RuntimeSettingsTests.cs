using System.Text.Json.Nodes;

namespace Yiyang.Tests.Platform;

/// <summary>
/// The GC settings the platform's memory figures depend on (ADR 0007, ADR 0009) are in the app's runtimeconfig.json,
/// where the runtime reads them however the app is started (checked: <c>GC.GetConfigurationVariables()</c> reports
/// LOHThreshold 2097152 and GCConserveMem 7 for these names).
/// </summary>
public class RuntimeSettingsTests
{
    [Fact]
    public void The_app_runs_with_workstation_gc_a_2_MB_large_object_threshold_and_conserve_memory_7()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Yiyang.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing");
        var props = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!;
        Assert.False((bool)props["System.GC.Server"]!);
        Assert.Equal(2 * 1024 * 1024, (int)props["System.GC.LOHThreshold"]!);
        Assert.Equal(7, (int)props["System.GC.ConserveMemory"]!);
    }
}
