namespace Sla.Core.Policies;

/// <summary>
/// What a target measures on a ticket, named by its id: one of the three built-in metrics
/// (<see cref="FirstResponse"/>, <see cref="NextResponse"/>, <see cref="Resolution"/>) or a metric a policy
/// version defines itself (<see cref="MetricDefinition"/>). Two metrics are equal when their ids are
/// (ordinal comparison); they sort by id.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class Metric : IEquatable<Metric>, IComparable<Metric>, IComparable
{
    private Metric(string id) => Id = id;

    /// <summary>Gets the built-in first-response metric (<c>firstResponse</c>): from creation to the first public agent reply, or resolution if that comes first.</summary>
    public static Metric FirstResponse { get; } = new("firstResponse");

    /// <summary>Gets the built-in next-response metric (<c>nextResponse</c>): from each unanswered customer message to the next public agent reply.</summary>
    public static Metric NextResponse { get; } = new("nextResponse");

    /// <summary>Gets the built-in resolution metric (<c>resolution</c>): from creation to resolution, paused in the pause statuses, resumed by a reopening.</summary>
    public static Metric Resolution { get; } = new("resolution");

    /// <summary>Gets the metric's id, the name documents, targets, objectives and credits use.</summary>
    public string Id { get; }

    /// <summary>Gets the metric with an id; the built-in instances for the built-in ids.</summary>
    /// <param name="id">The id, such as <c>resolution</c> or <c>l2</c>.</param>
    /// <returns>The metric.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty or only white space.</exception>
    public static Metric Named(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return id switch
        {
            "firstResponse" => FirstResponse,
            "nextResponse" => NextResponse,
            "resolution" => Resolution,
            _ => new Metric(id),
        };
    }

    /// <summary>Compares two metrics by id.</summary>
    /// <param name="left">A metric.</param>
    /// <param name="right">Another.</param>
    /// <returns><see langword="true"/> when both are null or have the same id.</returns>
    public static bool operator ==(Metric? left, Metric? right) => ReferenceEquals(left, right) || (left is not null && left.Equals(right));

    /// <summary>Compares two metrics by id.</summary>
    /// <param name="left">A metric.</param>
    /// <param name="right">Another.</param>
    /// <returns><see langword="true"/> when their ids differ.</returns>
    public static bool operator !=(Metric? left, Metric? right) => !(left == right);

    /// <summary>Compares metrics by id.</summary>
    /// <param name="left">A metric.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether the left id sorts before the right.</returns>
    public static bool operator <(Metric? left, Metric? right) => Compare(left, right) < 0;

    /// <summary>Compares metrics by id.</summary>
    /// <param name="left">A metric.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether the left id sorts before or with the right.</returns>
    public static bool operator <=(Metric? left, Metric? right) => Compare(left, right) <= 0;

    /// <summary>Compares metrics by id.</summary>
    /// <param name="left">A metric.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether the left id sorts after the right.</returns>
    public static bool operator >(Metric? left, Metric? right) => Compare(left, right) > 0;

    /// <summary>Compares metrics by id.</summary>
    /// <param name="left">A metric.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether the left id sorts after or with the right.</returns>
    public static bool operator >=(Metric? left, Metric? right) => Compare(left, right) >= 0;

    /// <inheritdoc />
    public bool Equals(Metric? other) => other is not null && (ReferenceEquals(this, other) || string.Equals(Id, other.Id, StringComparison.Ordinal));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Metric);

    /// <summary>Compares metrics by id (ordinal), so reports list them in a stable order.</summary>
    /// <param name="other">Another metric.</param>
    /// <returns>Negative, zero or positive as this id sorts before, with or after the other's; positive against null.</returns>
    public int CompareTo(Metric? other) => other is null ? 1 : string.CompareOrdinal(Id, other.Id);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj is null or Metric ? CompareTo(obj as Metric) : throw new ArgumentException("Not a metric.", nameof(obj));

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    private static int Compare(Metric? left, Metric? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    /// <summary>Returns the metric's id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
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
    /// <summary>Gets a metric's document name, its <see cref="Metric.Id"/>.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metric"/> is null.</exception>
    public static string Of(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Id;
    }

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
