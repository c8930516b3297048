namespace Yiyang.Platform.Security;

/// <summary>
/// Files that hold personal data or keys (the embedded SQLite database, <c>App_Data</c>, key files) are readable by the
/// app's own user only: directories 0700, files 0600, set when they are created (no moment with wider rights) and
/// tightened when they already exist. SQLite gives its -wal and -shm files the mode of the database file. No-ops on Windows.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void EnsureDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, DirectoryMode); // the mode applies to the directories it creates
    }

    /// <summary>Makes existing files 0600 (the SQLite database and its -wal and -shm once SQLite has created them).</summary>
    public static void Tighten(params string[] paths)
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var path in paths)
            if (File.Exists(path)) File.SetUnixFileMode(path, FileMode);
    }

    /// <summary>Writes a new file that no one else may read at any moment (0600 from its creation).</summary>
    public static void WriteNew(string path, string contents)
    {
        EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(contents);
    }
}
