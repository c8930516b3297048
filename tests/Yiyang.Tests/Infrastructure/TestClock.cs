namespace Yiyang.Tests.Infrastructure;

/// <summary>
/// The app's <see cref="TimeProvider"/> in tests: the system clock moved by <see cref="Offset"/> (zero unless a test moves
/// it; tests of one collection run one after the other, so a test that moves it must put it back in a finally, and must
/// not issue tokens for shared demo users while it is moved: issuing deletes the user's tokens expired by that clock).
/// </summary>
public sealed class TestClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
