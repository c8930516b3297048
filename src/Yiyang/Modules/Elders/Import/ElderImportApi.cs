namespace Yiyang.Modules.Elders.Import;

public static class ElderImportApi
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    public static void MapElderImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/imports/elders", async Task<Ok<ImportResult>> (HttpRequest request, ElderImporter importer, CancellationToken ct) =>
            {
                // the upload is spooled to a private temporary file (it holds ID numbers: 0600, deleted on close) and
                // read from there twice; never held in memory
                await using var spool = ImportSpool.Create();
                if (request.HasFormContentType)
                {
                    // the form reader's own limit (128 MB by default) raised to the documented one
                    request.HttpContext.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(request,
                        new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = MaxUploadBytes + 64 * 1024 }));
                    var form = await request.ReadFormAsync(ct);
                    var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
                               ?? throw ValidationFailedException.For("file", "请选择要导入的 CSV 文件。");
                    if (file.Length > MaxUploadBytes) throw TooLarge();
                    await using var upload = file.OpenReadStream();
                    await ImportSpool.CopyAsync(upload, spool, MaxUploadBytes, ct);
                }
                else
                {
                    if (request.ContentLength > MaxUploadBytes) throw TooLarge();
                    await ImportSpool.CopyAsync(request.Body, spool, MaxUploadBytes, ct);
                }
                return TypedResults.Ok(await importer.ImportAsync(spool, null, ct));
            })
            .RequireAuthorization(ElderPolicies.Import)
            .AllowsBodyUpTo(MaxUploadBytes + 64 * 1024) // the file and its multipart envelope
            .DisableAntiforgery()
            .WithTags("Import")
            .ProducesProblems(400)
            .WithSummary("导入服务对象 CSV（UTF-8 或 GBK；正文为文件内容，或 multipart 的 file 字段；最大 200 MB、200 万行；逐行错误最多报告前 1000 条，另给总数）");
    }

    public static ValidationFailedException TooLarge() => ValidationFailedException.For("file", "文件超过 200 MB。");
}

/// <summary>A private temporary file for an upload: created 0600, deleted when closed (also if the process dies, by the OS on reboot).</summary>
public static class ImportSpool
{
    public static FileStream Create()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
            BufferSize = 1 << 16,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(Path.Combine(Path.GetTempPath(), "yiyang-import-" + Guid.NewGuid().ToString("N") + ".csv"), options);
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes, counting while it streams (400 beyond), and rewinds.</summary>
    public static async Task CopyAsync(Stream from, Stream to, long limit, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = await from.ReadAsync(buffer, ct)) > 0)
        {
            total += n;
            if (total > limit) throw ElderImportApi.TooLarge();
            await to.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        await to.FlushAsync(ct);
        to.Position = 0;
    }
}
