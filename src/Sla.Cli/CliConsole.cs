namespace Sla.Cli;

/// <summary>The streams a command reads and writes, so tests can run commands in-process.</summary>
/// <param name="In">Standard input.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);

/// <summary>The exit codes every command uses.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was answered.</summary>
    public const int Ok = 0;

    /// <summary>Some input could not be answered; each such line says why, and the rest were answered.</summary>
    public const int SomeFailed = 1;

    /// <summary>The command could not run at all (an invalid file, bad arguments); nothing was written to standard output.</summary>
    public const int Invalid = 2;
}
