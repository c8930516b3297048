using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Emergency;

/// <summary>One notice as a channel delivers it. <see cref="Phone"/> is the delivery address: a channel never logs it.</summary>
public sealed record NotificationMessage(long NotificationId, long IncidentId, string Kind, string Phone, string Text);

/// <summary>
/// A way of delivering notices (SMS, voice, WeChat, the development file). A channel throws when the delivery failed; the
/// notifier then retries with backoff. Register an implementation as a singleton <see cref="INotificationChannel"/> and
/// name it in <c>Emergency:Notifications:Channel</c> (docs/domain/emergency.md#notifications).
/// </summary>
public interface INotificationChannel
{
    string Name { get; }

    Task SendAsync(NotificationMessage m, CancellationToken ct);
}

/// <summary>The development and test channel: appends each notice as one JSON line to <see cref="NotificationOptions.FilePath"/>.</summary>
public sealed class FileNotificationChannel(IOptions<NotificationOptions> options, IWebHostEnvironment env, TimeProvider clock) : INotificationChannel
{
    public const string ChannelName = "file";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public string Name => ChannelName;

    public string FullPath
    {
        get
        {
            var p = options.Value.FilePath;
            return Path.IsPathRooted(p) ? p : Path.Combine(env.ContentRootPath, p);
        }
    }

    public async Task SendAsync(NotificationMessage m, CancellationToken ct)
    {
        var path = FullPath;
        var line = JsonSerializer.Serialize(new
        {
            id = m.NotificationId,
            incidentId = m.IncidentId,
            kind = m.Kind,
            to = m.Phone,
            text = m.Text,
            at = clock.GetUtcNow(),
        }) + "\n";
        await Gate.WaitAsync(ct);
        try
        {
            if (Path.GetDirectoryName(path) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
            await File.AppendAllTextAsync(path, line, ct);
        }
        finally
        {
            Gate.Release();
        }
    }
}
