using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>
/// A green-channel quota's daily number can be changed. The appointment's composite foreign key
/// (quota_id, daily_quota) → greenchannel_quota (id, daily_quota) becomes ON UPDATE CASCADE, so the copied quota on every
/// appointment follows the change and ck_greenchannel_appointment_slot (slot ≤ quota) is checked again by the database.
/// </summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261123171000_QuotaPage")]
public sealed class QuotaPage : SqlScriptMigration
{
    protected override string ScriptName => "20261123171000_QuotaPage";
}
