using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Session stamp, second factor (TOTP, recovery codes) and password history of the accounts.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261207130000_AccountSecurity")]
public sealed class AccountSecurity : SqlScriptMigration
{
    protected override string ScriptName => "20261207130000_AccountSecurity";
}
