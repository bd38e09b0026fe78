using System.Text.Json.Nodes;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using NodaTime;
using Sla.Core.Json.Policies;
using Sla.Core.Policies;
using Sla.Core.Text;

namespace HelpDesk.Policies;

/// <summary>
/// The policy document, read at start-up and again whenever the file changes. A bad document at start-up stops
/// the service with every problem listed; a bad edit later is logged and the policy in force stays, so a typo
/// never leaves the desk without deadlines. Each ticket is judged by the policy version in force when it was
/// created (the document's versions say which), so a version already in force is never changed or removed by a
/// reload, and a new one must take effect after the reload: an edit that would re-judge tickets already filed is
/// refused like a bad one. Thread-safe: readers see the old policy or the new one, never a mixture.
/// </summary>
public sealed partial class PolicyFile : IDisposable
{
    private readonly string path;
    private readonly IClock clock;
    private readonly ILogger<PolicyFile> logger;
    private readonly PhysicalFileProvider files;
    private readonly IDisposable watch;
    private PolicySet current;
    private int generation;
    private IReadOnlyList<string>? refusal;

    /// <summary>Reads the policy named by <c>HelpDesk:PolicyFile</c> (relative to the content root) and starts watching it.</summary>
    public PolicyFile(IConfiguration configuration, IHostEnvironment environment, IClock clock, ILogger<PolicyFile> logger)
    {
        path = Path.GetFullPath(configuration["HelpDesk:PolicyFile"] ?? "policy.json", environment.ContentRootPath);
        this.clock = clock;
        this.logger = logger;
        var (policy, problems) = Read();
        current = policy ?? throw new InvalidOperationException($"The policy {path} cannot be used:{Environment.NewLine}{Indented(problems!)}");
        files = new PhysicalFileProvider(Path.GetDirectoryName(path)!) { UsePollingFileWatcher = false };
        watch = ChangeToken.OnChange(() => files.Watch(Path.GetFileName(path)), Reload);
    }

    /// <summary>The policy in force.</summary>
    public PolicySet Current => Volatile.Read(ref current);

    /// <summary>How many times the policy was replaced since start-up: what the watcher compares to know it must look at every ticket again.</summary>
    public int Generation => Volatile.Read(ref generation);

    /// <summary>Why the last edit of the file was refused (every problem, a sentence each), or <see langword="null"/> when the file is in force.</summary>
    public IReadOnlyList<string>? Refusal => Volatile.Read(ref refusal);

    /// <summary>Raised after the policy was replaced.</summary>
    public event Action? Replaced;

    /// <summary>
    /// Reads the file again: a valid document that keeps every version in force replaces the policy; anything else is logged,
    /// kept in <see cref="Refusal"/>, and ignored.
    /// </summary>
    public void Reload()
    {
        var (policy, problems) = Read();
        if (policy is not null && RetroactiveChanges(Current, policy, clock.GetCurrentInstant()) is { Count: > 0 } changes)
        {
            problems = changes;
        }
        if (problems is not null)
        {
            Volatile.Write(ref refusal, problems);
            Refused(logger, path, Indented(problems));
            return;
        }
        Volatile.Write(ref current, policy!);
        Volatile.Write(ref refusal, null);
        Interlocked.Increment(ref generation);
        Reloaded(logger, path, policy!.Id, policy.Versions.Length);
        Replaced?.Invoke();
    }

    /// <summary>
    /// What a replacement changes in the versions in force at <paramref name="now"/>, each as a sentence: tickets filed under
    /// them were judged by them, so changing one would change verdicts already given.
    /// </summary>
    public static List<string> RetroactiveChanges(PolicySet before, PolicySet after, Instant now)
    {
        var (was, willBe) = (VersionsAsWritten(before), VersionsAsWritten(after));
        var inForce = before.Versions.Where(v => v.EffectiveFrom <= now).Select(v => v.Version).ToHashSet(StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var version in before.Versions.Where(v => inForce.Contains(v.Version)))
        {
            var since = $"version {version.Version} has been in force since {InstantText.Format(version.EffectiveFrom)} and tickets were judged by it";
            if (!willBe.TryGetValue(version.Version, out var edited))
            {
                changes.Add($"{since}: it cannot be removed.");
            }
            else if (!JsonNode.DeepEquals(was[version.Version], edited))
            {
                changes.Add($"{since}: it cannot be changed; add a version that takes effect later instead.");
            }
        }
        // A new version, or one that was still to come, whose start has passed.
        foreach (var version in after.Versions.Where(v => v.EffectiveFrom <= now && !inForce.Contains(v.Version)))
        {
            changes.Add($"version {version.Version} takes effect at {InstantText.Format(version.EffectiveFrom)}, which has passed " +
                $"(now is {InstantText.Format(now)}): a new version must take effect later, so tickets already filed keep their deadlines.");
        }
        return changes;
    }

    private static Dictionary<string, JsonNode> VersionsAsWritten(PolicySet policy) =>
        JsonNode.Parse(PolicyDocument.Write(policy))!["versions"]!.AsArray()
            .ToDictionary(v => v!["version"]!.GetValue<string>(), v => v!, StringComparer.Ordinal);

    private (PolicySet? Policy, IReadOnlyList<string>? Problems) Read()
    {
        try
        {
            return PolicyDocument.TryParse(File.ReadAllText(path), out var policy, out var problems)
                ? (policy, null)
                : (null, [.. problems.Select(p => p.ToString())]);
        }
        catch (FileNotFoundException)
        {
            return (null, ["the file is not there (deleted, or renamed): put the policy back under its name."]);
        }
        catch (IOException e)
        {
            return (null, [e.Message]);
        }
    }

    /// <summary>Problems one per line, indented under the sentence that introduces them in a log or an exception.</summary>
    private static string Indented(IReadOnlyList<string> problems) => string.Join(Environment.NewLine, problems.Select(p => $"  {p}"));

    /// <inheritdoc />
    public void Dispose()
    {
        watch.Dispose();
        files.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy {Path} reloaded: {Id}, {Versions} version(s).")]
    private static partial void Reloaded(ILogger logger, string path, string id, int versions);

    [LoggerMessage(Level = LogLevel.Error, Message = "Policy {Path} was changed but cannot be used; the policy in force stays:\n{Problems}")]
    private static partial void Refused(ILogger logger, string path, string problems);
}
