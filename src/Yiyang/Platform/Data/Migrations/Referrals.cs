using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Referrals: two-way referrals with the 双向转诊单 fields and their attachments; one live 回转单 per up-referral.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123144000_Referrals")]
public sealed class Referrals : SqlScriptMigration
{
    protected override string ScriptName => "20261123144000_Referrals";
}
