namespace Yiyang.Modules.Elders.Import;

public sealed record ImportRowError(int Line, string Field, string Message);

/// <summary>Time spent per phase of an import (for the benchmark and the console).</summary>
public sealed class ImportTimings
{
    /// <summary>Reading and parsing in the first pass (with <see cref="Validate"/>: the whole first pass).</summary>
    public TimeSpan Parse { get; set; }
    /// <summary>Validating the rows in the first pass (on every core, chunk by chunk).</summary>
    public TimeSpan Validate { get; set; }
    /// <summary>Time the writer waited for hashes and encryption of the next chunk (prepared in parallel).</summary>
    public TimeSpan WaitForPrepare { get; set; }
    public TimeSpan ExistsCheck { get; set; }
    public TimeSpan Write { get; set; }
    /// <summary>Part of <see cref="Write"/>: the "registered" timeline rows (PostgreSQL).</summary>
    public TimeSpan Timeline { get; set; }
    /// <summary>Part of <see cref="Write"/>: the commit at the end.</summary>
    public TimeSpan Commit { get; set; }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"parse={Parse.TotalSeconds:F2}s validate={Validate.TotalSeconds:F2}s wait_prepare={WaitForPrepare.TotalSeconds:F2}s exists={ExistsCheck.TotalSeconds:F2}s write={Write.TotalSeconds:F2}s (timeline={Timeline.TotalSeconds:F2}s commit={Commit.TotalSeconds:F2}s)");
}

/// <param name="Errors">The first <see cref="ElderImporter.MaxReportedErrors"/> row errors, in file order.</param>
/// <param name="ErrorCount">All row errors; more than <paramref name="Errors"/> holds when <paramref name="ErrorsTruncated"/>.</param>
public sealed record ImportResult(int Rows, int Imported, int Skipped, int Invalid, string Encoding, IReadOnlyList<ImportRowError> Errors,
    int ErrorCount, bool ErrorsTruncated);
