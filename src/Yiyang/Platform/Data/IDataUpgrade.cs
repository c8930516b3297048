namespace Yiyang.Platform.Data;

/// <summary>
/// A change of stored data that SQL cannot make (it needs the application's keys, for example): run at start-up after
/// the migrations, by <see cref="DatabaseInitializer"/>. Must be idempotent and cheap when there is nothing left to do,
/// and the code must read the data correctly both before and after it ran.
/// </summary>
public interface IDataUpgrade
{
    /// <summary>Upgrades what is left; returns how many records changed.</summary>
    Task<int> RunAsync(CancellationToken ct);
}
