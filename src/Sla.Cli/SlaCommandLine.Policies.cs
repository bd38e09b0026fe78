using System.CommandLine;
using Sla.Cli.Policies;
using Sla.Core.Text;

namespace Sla.Cli;

/// <summary>The policy commands: policy check and deadline.</summary>
internal static partial class SlaCommandLine
{
    private static Command PolicyCheck(CliConsole console)
    {
        var fileArgument = new Argument<string>("FILE") { Description = "The policy document to check." };
        var command = new Command("check", "Validate a policy and summarise it: versions, and services x priorities x targets.") { fileArgument };
        command.SetAction(result => PolicySource.Load(result.GetValue(fileArgument)!, console) is { } policy
            ? PolicyCheckCommand.Run(policy, console)
            : ExitCodes.Invalid);
        return command;
    }

    private static Command Deadline(CliConsole console)
    {
        var policyOption = new Option<string>("--policy") { Description = "The policy document.", Required = true };
        var serviceOption = new Option<string>("--service") { Description = "The service id.", Required = true };
        var priorityOption = new Option<string>("--priority") { Description = "The priority.", Required = true };
        var createdOption = new Option<string>("--created") { Description = "When the ticket was created (ISO-8601 with Z or an offset).", Required = true };
        var jsonOption = new Option<bool>("--json") { Description = "The same as --format json." };
        var formatOption = CommandLineWords.Format("--format", Reports.ReportFormat.Table, Reports.ReportFormat.Table, Reports.ReportFormat.Json);
        var attributeOption = new Option<string[]>("--attribute")
        {
            Description = "An attribute of the ticket as NAME=VALUE, such as tier=gold (repeat for more): it chooses the service's variant.",
        };
        var command = new Command("deadline", "Every metric's deadline for a new ticket.")
        {
            policyOption, serviceOption, priorityOption, createdOption, attributeOption, formatOption.Option, jsonOption,
        };
        command.SetAction(result =>
        {
            var createdText = result.GetValue(createdOption)!;
            if (!InstantText.TryParse(createdText, out var created))
            {
                console.Error.WriteLine($"--created: {InstantText.Problem(createdText)}");
                return ExitCodes.Invalid;
            }
            if (DeadlineCommand.Attributes(result.GetValue(attributeOption) ?? [], console) is not { } attributes)
            {
                return ExitCodes.Invalid;
            }
            return PolicySource.Load(result.GetValue(policyOption)!, console) is { } policy
                ? DeadlineCommand.Run(policy, result.GetValue(serviceOption)!, result.GetValue(priorityOption)!, created, attributes,
                    result.GetValue(jsonOption) || formatOption.Get(result) == Reports.ReportFormat.Json, console)
                : ExitCodes.Invalid;
        });
        return command;
    }
}
