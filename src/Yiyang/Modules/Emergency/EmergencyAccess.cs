using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// Who sees what in the emergency centre: devices and incidents follow their elder's scope (<see cref="ElderScope"/>,
/// read through the elders' published scope query); out of scope is a 404.
/// </summary>
public sealed class EmergencyAccess(YiyangDb db, CurrentUser user)
{
    /// <summary>The module name on the elder's timeline.</summary>
    public const string Module = "emergency";

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    public CurrentUser User => user;

    public static NotFoundException NoIncident() => new("未找到该事件，或您无权查看。");

    public static NotFoundException NoDevice() => new("未找到该设备，或您无权查看。");

    public IQueryable<EmergencyIncident> Incidents() => db.ScopedByElder<EmergencyIncident>(user);

    public IQueryable<EmergencyDevice> Devices(bool forWrite = false) => db.ScopedByElder<EmergencyDevice>(user, forWrite);

    /// <summary>The elder, if the user may write for them (a device is bound on their behalf); else a 404.</summary>
    public async Task<Elder> WritableElderAsync(long? elderId, CancellationToken ct) =>
        await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite: true).FirstOrDefaultAsync(e => e.Id == elderId, ct)
        ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
}
