using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments;

namespace Yiyang.Tests.Assessments;

public sealed class AssessmentOptionsTests
{
    private static AssessmentOptions Bind(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.Configure<AssessmentOptions>(config.GetSection("Assessments"));
        return services.BuildServiceProvider().GetRequiredService<IOptions<AssessmentOptions>>().Value;
    }

    [Fact]
    public void Without_settings_grade_changes_do_not_stack_and_the_default_tables_apply()
    {
        var o = Bind([]);
        Assert.False(o.StackGradeChanges);
        Assert.Equal(16, o.Ltc2021.EffectiveGradeMatrix.Count);
        Assert.Equal(5, o.Ltc2021.EffectiveGradeMatrix[15]);
    }

    [Fact]
    public void Stacking_and_a_new_matrix_come_from_the_Assessments_section_replacing_the_defaults()
    {
        var settings = new Dictionary<string, string?> { ["Assessments:StackGradeChanges"] = "true" };
        for (var i = 0; i < 16; i++) settings[$"Assessments:Ltc2021:GradeMatrix:{i}"] = (i % 6).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var o = Bind(settings);
        Assert.True(o.StackGradeChanges);
        Assert.Equal(16, o.Ltc2021.EffectiveGradeMatrix.Count);
        Assert.Equal(1, o.Ltc2021.EffectiveGradeMatrix[1]);
        Assert.Empty(o.Ltc2021.Problems());
    }
}
