using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Yiyang.Platform.Data;
using Yiyang.Platform.Security;

namespace Yiyang.Tests.Platform;

/// <summary>The embedded database, its directory and the key file are created readable by the app's user only.</summary>
public sealed class PrivateFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "yy_private_" + Guid.NewGuid().ToString("N")[..12]);

    private sealed class Env(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "Yiyang";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    [Fact]
    public async Task The_SQLite_file_its_WAL_and_App_Data_are_0600_and_0700()
    {
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(_root);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var cs = DatabaseSetup.ConnectionString(config, new Env(_root)); // the default: App_Data/yiyang.db under the content root
        var file = new SqliteConnectionStringBuilder(cs).DataSource;
        Assert.Equal(Path.Combine(_root, "App_Data", "yiyang.db"), file);
        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(Path.Combine(_root, "App_Data")));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
        await using (var conn = new SqliteConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (x int); INSERT INTO t VALUES (1);";
            await cmd.ExecuteNonQueryAsync();
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file + "-wal") & (UnixFileMode)0x1FF);
        }
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void A_new_key_file_is_0600_from_the_start_and_an_existing_one_is_tightened()
    {
        if (OperatingSystem.IsWindows()) return;
        var keyFile = Path.Combine(_root, "App_Data", "keys", "pii.key");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Security:PiiKeyFile"] = keyFile }).Build();
        PiiKeys.Create(config, new Env(_root));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(keyFile));
        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(Path.GetDirectoryName(keyFile)!));
        File.SetUnixFileMode(keyFile, PrivateFiles.FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        PiiKeys.Create(config, new Env(_root));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(keyFile));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
