using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>The audit outbox: a change's audit entry is written in the change's own transaction (docs/adr/0011-audit-in-the-change-transaction.md).</summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261207120000_AuditOutbox")]
public sealed class AuditOutbox : SqlScriptMigration
{
    protected override string ScriptName => "20261207120000_AuditOutbox";
}
