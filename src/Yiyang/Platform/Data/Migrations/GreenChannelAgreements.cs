using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>
/// Green-channel quotas hang off a cooperation agreement (the greenchannel_partner stand-in is dropped, its data
/// migrated); a down-referral links the family sickbed or care-home stay it opened.
/// </summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123163000_GreenChannelAgreements")]
public sealed class GreenChannelAgreements : SqlScriptMigration
{
    protected override string ScriptName => "20261123163000_GreenChannelAgreements";
}
