using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data;

/// <summary>
/// A migration whose body is one SQL script per provider, embedded as
/// <c>Platform/Data/Migrations/{id}.{sqlite|postgres}.sql</c>. Scripts are frozen once released; a later change is a
/// new migration. The test <c>Migrations_produce_the_schema_of_the_model</c> compares the migrated schema with
/// the model on both providers.
/// </summary>
public abstract class SqlScriptMigration : Migration
{
    protected abstract string ScriptName { get; }

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var provider = migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite" ? "sqlite" : "postgres";
        var name = $"migrations.{ScriptName}.{provider}.sql";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"missing embedded migration script {name}");
        using var reader = new StreamReader(stream);
        migrationBuilder.Sql(reader.ReadToEnd());
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Yiyang migrations are forward-only; restore from backup to go back.");
}
