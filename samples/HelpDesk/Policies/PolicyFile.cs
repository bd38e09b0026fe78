using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using Sla.Core.Json.Policies;
using Sla.Core.Policies;

namespace HelpDesk.Policies;

/// <summary>
/// The policy document, read at start-up and again whenever the file changes. A bad document at start-up stops
/// the service with every problem listed; a bad edit later is logged and the policy in force stays, so a typo
/// never leaves the desk without deadlines. Each ticket is judged by the policy version in force when it was
/// created (the document's versions say which), so adding a version changes new tickets only.
/// </summary>
public sealed partial class PolicyFile : IDisposable
{
    private readonly string path;
    private readonly ILogger<PolicyFile> logger;
    private readonly PhysicalFileProvider files;
    private readonly IDisposable watch;
    private PolicySet current;

    /// <summary>Reads the policy named by <c>HelpDesk:PolicyFile</c> (relative to the content root) and starts watching it.</summary>
    public PolicyFile(IConfiguration configuration, IHostEnvironment environment, ILogger<PolicyFile> logger)
    {
        path = Path.GetFullPath(configuration["HelpDesk:PolicyFile"] ?? "policy.json", environment.ContentRootPath);
        this.logger = logger;
        current = Read() is (var policy, null) ? policy! : throw new InvalidOperationException(
            $"The policy {path} cannot be used:{Environment.NewLine}{Read().Problems}");
        files = new PhysicalFileProvider(Path.GetDirectoryName(path)!) { UsePollingFileWatcher = false };
        watch = ChangeToken.OnChange(() => files.Watch(Path.GetFileName(path)), Reload);
    }

    /// <summary>The policy in force.</summary>
    public PolicySet Current => Volatile.Read(ref current);

    /// <summary>Reads the file again: a valid document replaces the policy, an invalid one is logged and ignored.</summary>
    public void Reload()
    {
        switch (Read())
        {
            case (var policy, null):
                Volatile.Write(ref current, policy!);
                Reloaded(logger, path, policy!.Id, policy.Versions.Length);
                break;
            case (_, var problems):
                Refused(logger, path, problems!);
                break;
        }
    }

    private (PolicySet? Policy, string? Problems) Read()
    {
        try
        {
            return PolicyDocument.TryParse(File.ReadAllText(path), out var policy, out var problems)
                ? (policy, null)
                : (null, string.Join(Environment.NewLine, problems.Select(p => $"  {p}")));
        }
        catch (IOException e)
        {
            return (null, $"  {e.Message}");
        }
    }

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
