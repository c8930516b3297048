using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data.Migrations;

/// <summary>
/// ADR 0006: on PostgreSQL the elder's name is compared and ordered byte-wise (COLLATE "C", as SQLite's BINARY already
/// does), so one B-tree on (county_code, name) serves both the name-prefix filter and the ORDER BY of the result page:
/// a search reads the 20 rows it shows instead of sorting every match. The two text_pattern_ops indexes that only
/// served the prefix filter are dropped. See docs/adr/0006-name-search-collation.md.
/// </summary>
[DbContext(typeof(YiyangDb))]
[Migration("20261205220000_NameCollation")]
public sealed class NameCollation : SqlScriptMigration
{
    protected override string ScriptName => "20261205220000_NameCollation";
}
