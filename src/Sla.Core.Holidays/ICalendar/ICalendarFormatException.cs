namespace Sla.Core.Holidays.ICalendar;

/// <summary>Thrown when iCalendar text cannot be read: the message names the line at fault when there is one.</summary>
public sealed class ICalendarFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="line">The 1-based line at fault (of the text as given, before unfolding), or <see langword="null"/>.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    public ICalendarFormatException(int? line, string problem)
        : base(line is { } at ? $"line {at}: {problem}" : problem)
    {
        Line = line;
        Problem = problem;
    }

    /// <summary>Gets the 1-based line at fault, or <see langword="null"/> when no single line is.</summary>
    public int? Line { get; }

    /// <summary>Gets what is wrong, without the line.</summary>
    public string Problem { get; }
}
