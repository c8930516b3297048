using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Yiyang.Platform.Data;
using Yiyang.Platform.Security;
using Yiyang.Tests.Infrastructure;

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
    public async Task The_SQLite_file_its_WAL_and_App_Data_are_0600_and_0700_once_the_app_has_started()
    {
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "App_Data", "yiyang.db");
        await using var unused = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using (var app = await AppProcess.StartAsync(unused, $"Data Source={file}"))
        {
            Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file + "-wal"));
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file + "-shm"));
        }
        // an existing database with wider rights is tightened at the next start
        File.SetUnixFileMode(file, PrivateFiles.FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Yiyang"] = $"Data Source={file}" }).Build();
        DatabaseSetup.ConnectionString(config, new Env(_root));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
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
