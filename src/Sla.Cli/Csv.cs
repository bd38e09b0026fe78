namespace Sla.Cli;

/// <summary>Comma-separated values as spreadsheets read them (RFC 4180): a field with a comma, quote or line break is quoted.</summary>
internal static class Csv
{
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static string Row(IEnumerable<string> fields) => string.Join(',', fields.Select(Field));

    /// <summary>A fraction as the machine formats write compliance (<c>0.9500</c>); empty when there is none.</summary>
    public static string Fraction(decimal? value) => value?.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
