namespace Sla.Core.Validation;

/// <summary>A value with the document path it came from, so problems name the path the author wrote.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Path">Its path, such as <c>versions[0].credits[1]</c>.</param>
internal readonly record struct Pathed<T>(T Value, string Path);
