using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>The 居民健康卡 number encrypted: cipher and mask; the clear column pending its upgrade at start-up.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261208121000_HealthCardCipher")]
public sealed class HealthCardCipher : SqlScriptMigration
{
    protected override string ScriptName => "20261208121000_HealthCardCipher";
}
