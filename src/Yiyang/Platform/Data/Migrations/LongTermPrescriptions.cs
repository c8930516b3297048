using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Falls (跌倒事件, a reassessment trigger) and long-term prescriptions (长期处方) with items and dispensings.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123160000_LongTermPrescriptions")]
public sealed class LongTermPrescriptions : SqlScriptMigration
{
    protected override string ScriptName => "20261123160000_LongTermPrescriptions";
}
