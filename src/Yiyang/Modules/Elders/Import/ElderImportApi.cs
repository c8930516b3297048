namespace Yiyang.Modules.Elders.Import;

public static class ElderImportApi
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    public static void MapElderImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/imports/elders", async Task<Ok<ImportResult>> (HttpRequest request, ElderImporter importer, CancellationToken ct) =>
            {
                byte[] content;
                if (request.HasFormContentType)
                {
                    var form = await request.ReadFormAsync(ct);
                    var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
                               ?? throw ValidationFailedException.For("file", "请选择要导入的 CSV 文件。");
                    if (file.Length > MaxUploadBytes) throw ValidationFailedException.For("file", "文件超过 200 MB。");
                    using var ms = new MemoryStream();
                    await file.CopyToAsync(ms, ct);
                    content = ms.ToArray();
                }
                else
                {
                    if (request.ContentLength > MaxUploadBytes) throw ValidationFailedException.For("file", "文件超过 200 MB。");
                    using var ms = new MemoryStream();
                    await request.Body.CopyToAsync(ms, ct);
                    content = ms.ToArray();
                }
                return TypedResults.Ok(await importer.ImportAsync(content, null, ct));
            })
            .RequireAuthorization(ElderPolicies.Import)
            .AllowsBodyUpTo(MaxUploadBytes + 64 * 1024) // the file and its multipart envelope
            .DisableAntiforgery()
            .WithTags("Import")
            .ProducesProblems(400)
            .WithSummary("导入服务对象 CSV（UTF-8 或 GBK；正文为文件内容，或 multipart 的 file 字段）");
    }
}
