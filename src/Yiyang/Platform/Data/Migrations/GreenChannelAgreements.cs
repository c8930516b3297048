using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>Green-channel quotas hang off a cooperation agreement (issue 5); the greenchannel_partner stand-in is dropped.</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123163000_GreenChannelAgreements")]
public sealed class GreenChannelAgreements : SqlScriptMigration
{
    protected override string ScriptName => "20261123163000_GreenChannelAgreements";
}
