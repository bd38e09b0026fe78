namespace Sla.Core.Policies;

/// <summary>What a target measures on a ticket.</summary>
public enum Metric
{
    /// <summary>From creation to the first public agent reply (or resolution, if that comes first).</summary>
    FirstResponse,

    /// <summary>From each unanswered customer message to the next public agent reply; one cycle per message that opens one.</summary>
    NextResponse,

    /// <summary>From creation to resolution, paused while the ticket is in a pause status.</summary>
    Resolution,
}

/// <summary>The calendar periods objectives and credits are measured over.</summary>
public enum ReportingPeriod
{
    /// <summary>An ISO week, Monday to Sunday.</summary>
    Week,

    /// <summary>A calendar month.</summary>
    Month,

    /// <summary>A calendar quarter.</summary>
    Quarter,
}

/// <summary>The names metrics and periods have in documents and on the command line.</summary>
public static class PolicyNames
{
    /// <summary>Gets a metric's document name: <c>firstResponse</c>, <c>nextResponse</c> or <c>resolution</c>.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metric"/> is not a defined metric.</exception>
    public static string Of(Metric metric) => metric switch
    {
        Metric.FirstResponse => "firstResponse",
        Metric.NextResponse => "nextResponse",
        Metric.Resolution => "resolution",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a metric."),
    };

    /// <summary>Gets a period's document name: <c>week</c>, <c>month</c> or <c>quarter</c>.</summary>
    /// <param name="period">The period.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not a defined period.</exception>
    public static string Of(ReportingPeriod period) => period switch
    {
        ReportingPeriod.Week => "week",
        ReportingPeriod.Month => "month",
        ReportingPeriod.Quarter => "quarter",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Not a reporting period."),
    };

    /// <summary>Tries to read a metric's document name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="metric">The metric, when the name is known.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a metric.</returns>
    public static bool TryParseMetric(string? name, out Metric metric)
    {
        foreach (var candidate in Enum.GetValues<Metric>())
        {
            if (Of(candidate) == name)
            {
                metric = candidate;
                return true;
            }
        }
        metric = default;
        return false;
    }

    /// <summary>Tries to read a period's document name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="period">The period, when the name is known.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a period.</returns>
    public static bool TryParsePeriod(string? name, out ReportingPeriod period)
    {
        foreach (var candidate in Enum.GetValues<ReportingPeriod>())
        {
            if (Of(candidate) == name)
            {
                period = candidate;
                return true;
            }
        }
        period = default;
        return false;
    }
}
