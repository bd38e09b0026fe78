using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Sla.Core.Tickets;

/// <summary>
/// A ticket's attributes: a handful of names and values, compared exactly, in the order given. An array searched
/// in order, because a ticket has a few attributes and is read once per evaluation: cheaper to build and to search
/// than a hash table or a tree.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class TicketAttributes : IReadOnlyDictionary<string, string>
{
    private readonly KeyValuePair<string, string>[] pairs;

    private TicketAttributes(KeyValuePair<string, string>[] pairs) => this.pairs = pairs;

    public static TicketAttributes Empty { get; } = new([]);

    public int Count => pairs.Length;

    public IEnumerable<string> Keys => pairs.Select(p => p.Key);

    public IEnumerable<string> Values => pairs.Select(p => p.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The ticket has no attribute '{key}'.");

    /// <summary>A snapshot of <paramref name="attributes"/> (itself when it already is one).</summary>
    public static TicketAttributes Of(IReadOnlyDictionary<string, string> attributes) =>
        attributes as TicketAttributes ?? (attributes.Count == 0 ? Empty : new([.. attributes]));

    /// <summary>Wraps pairs a reader has checked to have distinct names; the array is not copied, so the caller must not keep it.</summary>
    public static TicketAttributes Wrap(KeyValuePair<string, string>[] pairs) => pairs.Length == 0 ? Empty : new(pairs);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var (name, given) in pairs)
        {
            if (string.Equals(name, key, StringComparison.Ordinal))
            {
                value = given;
                return true;
            }
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The attributes as <c>{tier=gold, region=us}</c>, for messages and debuggers.</summary>
    public override string ToString() => "{" + string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) + "}";
}
