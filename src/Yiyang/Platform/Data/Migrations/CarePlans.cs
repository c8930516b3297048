using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Care plans: versioned care-level mapping, care plans with items, one confirmed plan per elder (partial unique index).</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123142000_CarePlans")]
public sealed class CarePlans : SqlScriptMigration
{
    protected override string ScriptName => "20261123142000_CarePlans";
}
