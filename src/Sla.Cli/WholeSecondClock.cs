using NodaTime;

namespace Sla.Cli;

/// <summary>
/// The system clock to the whole second: "now" as a default (<c>--at</c>, today's date) is printed in reports and
/// results, where <c>2026-11-29T22:49:24Z</c> reads better than the clock's ticks and nothing needs them.
/// </summary>
internal sealed class WholeSecondClock : IClock
{
    public static WholeSecondClock Instance { get; } = new();

    public Instant GetCurrentInstant()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        return Instant.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
    }
}
