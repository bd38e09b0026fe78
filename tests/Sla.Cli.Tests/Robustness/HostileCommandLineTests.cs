using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Testing;
using NodaTime.TimeZones;
using Sla.Core.Calendars;
using Sla.Core.Policies;
using Sla.Tests.Shared;
using static Sla.Cli.Tests.CliRunner;

namespace Sla.Cli.Tests.Robustness;

/// <summary>Each command fed what a hostile user would: a documented error, every good line still answered, no stack trace.</summary>
public sealed class HostileCommandLineTests
{
    private static readonly string London = CalendarVectors.CalendarPath("london");
    private static readonly string Policy = Path.Combine(AppContext.BaseDirectory, "samples", "policy.json");
    private static readonly string[] SampleTickets = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "samples", "tickets.jsonl")).Take(5).ToArray();
    private const string Good = """{"op":"isWorking","at":"2026-03-27T10:00:00Z"}""";

    private static (int ExitCode, string Out, string Error) RunBytes(byte[] input, params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var console = new CliConsole(new MemoryStream(input), output, error);
        var exitCode = SlaCommandLine.Run(args, console, new FakeClock(Now));
        return (exitCode, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    private static byte[] Bytes(params object[] lines) =>
        [.. lines.SelectMany(l => (l is byte[] raw ? raw : Encoding.UTF8.GetBytes((string)l)).Append((byte)'\n'))];

    [Theory]
    [InlineData("""{"op":"isWorking","at":"9999-12-31T23:59:59-01:00"}""", "'9999-12-31T23:59:59-01:00' is outside the range of instants")]
    [InlineData("""{"op":"isWorking","at":"0001-06-01T00:00:00Z"}""", "Business-time arithmetic supports instants in local years 2 to 9998.")]
    [InlineData("""{"op":"isWorking","at":"2026-03-27T10:00:00Z","id":"\ud800"}""", "id: The string is not text")]
    [InlineData("""{"op":"businessDays","start":"2026-03-27T10:00:00Z","days":"2"}""", "found the string \\\"2\\\"")]
    [InlineData("""{"op":"businessDays","start":"2026-03-27T10:00:00Z","days":null}""", "found null")]
    [InlineData("""{"op":"businessDays","start":"2026-03-27T10:00:00Z","days":true}""", "found true")]
    [InlineData("""{"op":"businessDays","start":"2026-03-27T10:00:00Z","days":[]}""", "found a list")]
    [InlineData("""{"op":"businessDays","start":"2026-03-27T10:00:00Z","days":{}}""", "found an object")]
    [InlineData("""{"op":"businessDays","start":"2026-03-27T10:00:00Z","days":2147483646}""", "from 0 to 3,660,000")]
    [InlineData("""{"op":"add","start":"2026-03-27T10:00:00Z","duration":"999999999h"}""", "is too long: a duration must be shorter than 402,653,184 hours")]
    [InlineData("""{"op":"isWorking","at":"2026-03-27T10:00:00Z","at":"2026-03-28T10:00:00Z"}""", "'at' is given twice in one object")]
    public void A_hostile_calc_request_gets_its_error_line_and_the_next_is_answered(string request, string expected)
    {
        var (exitCode, output, error) = RunBytes(Bytes(Good, request, Good), "calc", "--calendar", London);
        Assert.Equal(1, exitCode);
        Assert.Equal("", error);
        var lines = Lines(output);
        Assert.Equal(3, lines.Length);
        Assert.Equal("""{"working":true}""", lines[0]);
        Assert.Contains(expected, lines[1]);
        Assert.StartsWith("""{""", lines[1]);
        Assert.Equal("""{"working":true}""", lines[2]);
    }

    [Fact]
    public void Invalid_utf8_and_a_byte_order_mark_in_calc_input()
    {
        byte[] withMark = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Good)];
        var (exitCode, output, _) = RunBytes(Bytes(withMark, new byte[] { (byte)'{', 0xFF, (byte)'}' }, Good), "calc", "--calendar", London);
        Assert.Equal(1, exitCode);
        Assert.Equal(
        [
            """{"working":true}""",
            """{"error":"line 2 is not UTF-8 text: the byte at position 2 does not begin a valid UTF-8 character."}""",
            """{"working":true}""",
        ], Lines(output));
    }

    [Fact]
    public void Calc_amounts_beyond_the_old_limits()
    {
        var (exitCode, output, _) = Run("""
            {"op":"add","start":"2026-01-01T00:00:00Z","duration":"PT3000000H"}
            {"op":"elapsed","from":"1000-01-01T00:00:00Z","to":"2000-01-01T00:00:00Z"}
            """, "calc", "--calendar", "24x7");
        Assert.Equal(0, exitCode);
        Assert.Equal(
        [
            """{"deadline":"2368-03-29T00:00:00Z"}""",
            """{"elapsed":"PT8765808H","seconds":31556908800}""",
        ], Lines(output));
    }

    [Fact]
    public void A_very_long_line_is_answered()
    {
        var padding = new string(' ', 5_000_000);
        var (exitCode, output, _) = Run("{\"op\":\"isWorking\"," + padding + "\"at\":\"2026-03-27T10:00:00Z\"}\n" + Good, "calc", "--calendar", London);
        Assert.Equal(0, exitCode);
        Assert.Equal(["""{"working":true}""", """{"working":true}"""], Lines(output));
    }

    [Fact]
    public void Calc_picks_the_calendar_of_the_version_in_force_or_the_one_named()
    {
        var policy = TempFile("""
            { "id": "p", "name": "P", "versions": [
              { "version": "v1", "effectiveFrom": "2026-01-01T00:00:00Z", "priorities": ["P1"], "services": [],
                "calendars": [ { "id": "office", "timeZone": "UTC", "weekly": { "monday": ["09:00-17:00"] } } ] },
              { "version": "v2", "effectiveFrom": "2026-06-01T00:00:00Z", "priorities": ["P1"], "services": [],
                "calendars": [ { "id": "office", "timeZone": "UTC", "weekly": { "monday": ["08:00-12:00"] } } ] } ] }
            """);
        const string requests = """
            {"op":"isWorking","at":"2026-03-02T16:00:00Z"}
            {"op":"isWorking","at":"2026-06-01T16:00:00Z"}
            {"op":"isWorking","at":"2025-06-02T10:00:00Z"}
            """;
        var (exitCode, output, error) = Run(requests, "calc", "--calendar", policy, "--id", "office");
        Assert.Equal(1, exitCode);
        Assert.Equal("", error);
        Assert.Equal(
        [
            """{"working":true}""",
            """{"working":false}""",
            """{"error":"no version of the policy is in force at 2025-06-02T10:00:00Z (the first, v1, takes effect at 2026-01-01T00:00:00Z): pick one with --version."}""",
        ], Lines(output));
        (exitCode, output, _) = Run(requests, "calc", "--calendar", policy, "--id", "office", "--version", "v2");
        Assert.Equal(0, exitCode);
        Assert.Equal(["""{"working":false}""", """{"working":false}""", """{"working":true}"""], Lines(output));
        (exitCode, _, error) = Run(requests, "calc", "--calendar", policy, "--version", "v9");
        Assert.Equal(2, exitCode);
        Assert.EndsWith("has no version 'v9' with calendars; it has v1, v2.", error.Trim());
    }

    [Fact]
    public void Files_that_cannot_be_named_or_read()
    {
        var (exitCode, output, error) = Run(Good, "calc", "--calendar", "");
        Assert.Equal((2, "", "\"\": cannot be read: the file name is empty"), (exitCode, output, error.Trim()));
        (exitCode, output, error) = Run(Good, "calc", "--calendar", Path.GetTempPath());
        Assert.Equal((2, ""), (exitCode, output));
        Assert.EndsWith("cannot be read: it is a directory, not a file", error.Trim());
    }

    [Fact]
    public void Output_that_fails_in_the_middle_of_a_parallel_run_stops_it_with_a_clear_error()
    {
        // Ten batches: the reader is still reading when the first write fails, and must stop rather than wait forever.
        var tickets = string.Concat(Enumerable.Range(0, 20_000).Select(i => $$"""{"id":"T-{{i}}","service":"email","priority":"P1","created":"2026-03-02T09:00:00Z"}""" + "\n"));
        using var error = new StringWriter();
        var console = new CliConsole(new MemoryStream(Encoding.UTF8.GetBytes(tickets)), new FullDisk(), error);
        var policy = Path.Combine(AppContext.BaseDirectory, "samples", "policy.json");
        var exitCode = SlaCommandLine.Run(["evaluate", "--policy", policy, "--tickets", "-", "--at", "2026-03-03T00:00:00Z", "--parallel"], console, new FakeClock(Now));
        Assert.Equal(2, exitCode);
        Assert.Equal("sla: cannot write the output: No space left on device", error.ToString().Trim());
    }

    [Fact]
    public async Task Output_that_fails_while_the_input_is_still_coming_stops_at_once()
    {
        // An input that never ends (tail -f): two and a half batches, then it waits for more, for ever, with the reader waiting on it
        // rather than on room for another batch. The failed write must still end the run.
        var tickets = string.Concat(Enumerable.Range(0, 5_000).Select(i => $$"""{"id":"T-{{i}}","service":"email","priority":"P1","created":"2026-03-02T09:00:00Z"}""" + "\n"));
        using var error = new StringWriter();
        var console = new CliConsole(new EndlessInput(Encoding.UTF8.GetBytes(tickets)), new FullDisk(), error);
        var policy = Path.Combine(AppContext.BaseDirectory, "samples", "policy.json");
        var run = Task.Run(() => SlaCommandLine.Run(["evaluate", "--policy", policy, "--tickets", "-", "--at", "2026-03-03T00:00:00Z", "--parallel"], console, new FakeClock(Now)));
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))));
        Assert.Equal(2, await run);
        Assert.Equal("sla: cannot write the output: No space left on device", error.ToString().Trim());
    }

    [Fact]
    public void Output_that_cannot_be_written_is_a_clear_error()
    {
        using var error = new StringWriter();
        var console = new CliConsole(new MemoryStream(Encoding.UTF8.GetBytes(Good)), new FullDisk(), error);
        var exitCode = SlaCommandLine.Run(["calendar", "check", London, "--from", "2026-01-01"], console, new FakeClock(Now));
        Assert.Equal(2, exitCode);
        Assert.Equal("sla: cannot write the output: No space left on device", error.ToString().Trim());
    }

    [Theory]
    [InlineData("9999-12-25", "--from: 9999-12-25 is outside the dates calendars cover (0002-01-01 to 9998-12-31).")]
    [InlineData("0001-01-01", "--from: 0001-01-01 is outside the dates calendars cover (0002-01-01 to 9998-12-31).")]
    public void Calendar_check_outside_the_covered_dates_is_a_usage_error(string from, string expected)
    {
        var (exitCode, output, error) = Run("", "calendar", "check", London, "--from", from);
        Assert.Equal((2, "", expected), (exitCode, output, error.Trim()));
    }

    [Fact]
    public void Calendar_check_stops_at_the_last_covered_date()
    {
        var (exitCode, output, _) = Run("", "calendar", "check", London, "--from", "9998-12-25");
        Assert.Equal(0, exitCode);
        Assert.Contains("9998-12-28 Mon  closed                     Boxing Day", output);
    }

    [Theory]
    [InlineData("evaluate", "--at", "9999-06-01T00:00:00Z", "--at: 9999-06-01T00:00:00Z is outside the instants calendars support (0002-01-02T00:00:00Z to 9998-12-31T00:00:00Z).")]
    [InlineData("report", "--at", "-9998-01-01T00:00:00+05:00", "--at: '-9998-01-01T00:00:00+05:00' is outside the range of instants (from -9998-01-01T00:00:00Z to 9999-12-31T23:59:59Z).")]
    public void An_evaluation_instant_outside_the_supported_range_is_a_usage_error(string command, string option, string value, string expected)
    {
        var (exitCode, output, error) = Run("", command, "--policy", Policy, "--tickets", "-", option, value);
        Assert.Equal((2, "", expected), (exitCode, output, error.Trim()));
    }

    private static readonly object[] BadTicketLines =
    [
        new byte[] { (byte)'{', (byte)'"', (byte)'i', (byte)'d', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' },
        """{"id":"\ud800","service":"email","priority":"P1","created":"2026-01-01T00:00:00Z"}""",
        """{"id":"T-X","service":"email","priority":"P1","created":"2026-01-01T00:00:00Z","events":[],"events":[{"at":"2026-01-01T01:00:00Z","type":"agentReply"}]}""",
        """{"id":"T-Y","service":"email","priority":"P1","created":"0001-06-01T00:00:00Z","events":[]}""",
    ];

    public static TheoryData<string> TicketCommands => ["evaluate", "report", "recommend", "compare"];

    [Theory]
    [MemberData(nameof(TicketCommands))]
    public void A_ticket_stream_with_bad_lines_in_the_middle_answers_every_good_line(string command)
    {
        object[] lines = [SampleTickets[0], SampleTickets[1], .. BadTicketLines, SampleTickets[2], SampleTickets[3], SampleTickets[4]];
        string[] args = command == "compare"
            ? [command, "--policy", Policy, "--candidate", Policy, "--tickets", "-", "--at", "2026-06-01T00:00:00Z"]
            : [command, "--policy", Policy, "--tickets", "-", "--at", "2026-06-01T00:00:00Z"];
        var (exitCode, output, error) = RunBytes(Bytes(lines), args);
        Assert.Equal(1, exitCode);
        var expectedErrors = new[]
        {
            "line 3 is not UTF-8 text: the byte at position 8 does not begin a valid UTF-8 character.",
            "line 4: A string is not text",
            "ticket T-X: 'events' is given twice: give each field once.",
            "ticket T-Y: it was created at 0001-06-01T00:00:00Z, outside the instants calendars support",
        };
        var errorLines = command == "evaluate" ? Lines(output).Where(l => l.Contains("\"error\"", StringComparison.Ordinal)).ToArray() : Lines(error);
        Assert.Equal(4, errorLines.Length);
        foreach (var (line, expected) in errorLines.Zip(expectedErrors))
        {
            Assert.Contains(expected, line);
        }
        if (command == "evaluate")
        {
            Assert.Equal(["T-0001", "T-0002", "line 3", "line 4", "T-X", "T-Y", "T-0003", "T-0004", "T-0005"],
                Lines(output).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
        }
        else if (command == "report")
        {
            Assert.Contains("5 tickets evaluated, 4 rejected.", output);
        }
    }

    [Fact]
    public void Compare_names_the_tickets_the_candidate_rejects()
    {
        var candidate = TempFile(File.ReadAllText(Policy).Replace("\"erp\"", "\"crm\"", StringComparison.Ordinal));
        var erp = SampleTickets.First(t => t.Contains("\"erp\"", StringComparison.Ordinal));
        var (exitCode, _, error) = Run(string.Join('\n', SampleTickets), "compare", "--policy", Policy, "--candidate", candidate, "--tickets", "-", "--at", "2026-06-01T00:00:00Z");
        Assert.Equal(1, exitCode);
        var id = System.Text.Json.JsonDocument.Parse(erp).RootElement.GetProperty("id").GetString();
        Assert.Contains($"under acme-support: ticket {id}: service 'erp' is not in policy version", error);
    }

    [Fact]
    public void Tickets_given_twice_are_named_in_a_warning()
    {
        var (exitCode, _, error) = Run(string.Join('\n', SampleTickets[0], SampleTickets[1], SampleTickets[0]), "report", "--policy", Policy, "--tickets", "-", "--at", "2026-06-01T00:00:00Z");
        Assert.Equal(0, exitCode);
        Assert.Equal("warning: ticket T-0001 is given again on line 3 (first on line 1); each line is counted.", error.Trim());
    }

    [Theory]
    [InlineData("""{"id":"O-9","service":"email","start":"2026-01-04T11:07:00Z","end":"2026-01-04T12:50:00Z","planned":"true"}""", "line 2 (outage O-9): \"planned\" must be true or false, found the string \"true\".")]
    [InlineData("""{"id":"O-9","service":"email","start":"2026-01-04T11:07:00Z","end":"2026-01-04T12:50:00Z","planned":1}""", "line 2 (outage O-9): \"planned\" must be true or false, found the number 1.")]
    [InlineData("""{"id":3,"service":"email","start":"2026-01-04T11:07:00Z","end":"2026-01-04T12:50:00Z"}""", "line 2: \"id\" must be a string, found the number 3.")]
    [InlineData("""{"id":"O-9","service":"fax","start":"2026-01-04T11:07:00Z","end":"2026-01-04T12:50:00Z"}""", "line 2 (outage O-9): service 'fax' is not in policy acme-support; the services are email, erp.")]
    [InlineData("""{"id":"O-9","id":"O-10","service":"email","start":"2026-01-04T11:07:00Z","end":"2026-01-04T12:50:00Z"}""", "line 2: id: 'id' is given twice in one object: give each field once.")]
    public void A_bad_outage_line_stops_availability_and_is_named(string bad, string expected)
    {
        const string good = """{"id":"O-1","service":"email","start":"2026-01-04T11:07:00Z","end":"2026-01-04T12:50:00Z","planned":false}""";
        var (exitCode, output, error) = Run(string.Join('\n', good, bad, good.Replace("O-1", "O-2", StringComparison.Ordinal)), "availability", "--policy", Policy, "--outages", "-");
        Assert.Equal((2, "", expected), (exitCode, output, error.Trim()));
    }

    [Property(MaxTest = 300, Replay = "(20261129,9)")]
    public Property Mutated_calc_requests_each_get_one_answer_line_and_never_a_crash() =>
        Prop.ForAll(
            JsonMutations.Of("""{"id":1,"op":"businessDays","start":"2026-03-27T10:00:00Z","days":2,"cutoff":"16:00","at":"12:00"}""").ToArbitrary(),
            JsonMutations.Of("""{"op":"add","start":"2026-03-27T16:30:00+03:00","duration":"PT8H30M"}""").ToArbitrary(),
            (first, second) =>
            {
                var input = Bytes(first, Good, second, Good);
                var expectedLines = Encoding.UTF8.GetString(input).Split('\n').Count(l => l.Trim().Length > 0);
                var (exitCode, output, error) = RunBytes(input, "calc", "--calendar", London);
                var lines = Lines(output);
                return exitCode is 0 or 1 && error.Length == 0 && lines.Length == expectedLines
                    && lines.All(l => System.Text.Json.JsonDocument.Parse(l).RootElement.ValueKind == System.Text.Json.JsonValueKind.Object)
                    && lines.Count(l => l == """{"working":true}""") >= 2;
            });

    [Fact]
    public void A_fault_inside_sla_on_one_ticket_is_exit_3_and_the_other_tickets_are_answered()
    {
        var broken = new BusinessCalendarBuilder("broken", BrokenZones.Id).WithTimeZoneProvider(new BrokenZones()).AddHours(IsoDayOfWeek.Monday, "09:00-17:00").Build();
        var policy = new PolicySetBuilder("p", "P")
            .AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v.AddCalendar(broken).WithPriorities("P1")
                .AddService("chat", "Chat", s => s.Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(1))))
                .AddService("email", "E-mail", s => s.Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(1), "broken"))))
            .Build();
        const string chat = """{"id":"C-1","service":"chat","priority":"P1","created":"2026-03-02T09:00:00Z"}""";
        const string email = """{"id":"E-1","service":"email","priority":"P1","created":"2026-03-02T09:00:00Z"}""";
        using var output = new MemoryStream();
        var console = new CliConsole(new MemoryStream(), output, new StringWriter());
        var exitCode = Sla.Cli.Compliance.EvaluateCommand.Run(policy, new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', chat, email, chat.Replace("C-1", "C-2", StringComparison.Ordinal)))),
            Instant.FromUtc(2026, 3, 2, 12, 0), new Sla.Cli.Compliance.EvaluateOptions(Sla.Cli.Compliance.EvaluationFormat.Jsonl), console);
        Assert.Equal(3, exitCode);
        var lines = Lines(Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"id\":\"C-1\",\"service\":\"chat\",\"policyVersion\"", lines[0]);
        Assert.Equal("""{"id":"E-1","error":"line 2: internal error: InvalidOperationException: the zone data is unavailable"}""", lines[1]);
        Assert.Contains("\"id\":\"C-2\",\"service\":\"chat\",\"policyVersion\"", lines[2]);
    }

    /// <summary>A time zone provider whose one zone fails when asked for its offsets, standing in for a fault inside sla.</summary>
    private sealed class BrokenZones : IDateTimeZoneProvider
    {
        public const string Id = "Broken/Zone";

        public string VersionId => "broken";

        public System.Collections.ObjectModel.ReadOnlyCollection<string> Ids => new([Id]);

        public DateTimeZone this[string id] => GetZoneOrNull(id) ?? throw new DateTimeZoneNotFoundException(id);

        public DateTimeZone GetSystemDefault() => new Zone();

        public DateTimeZone? GetZoneOrNull(string id) => id == Id ? new Zone() : null;

        private sealed class Zone() : DateTimeZone(BrokenZones.Id, false, Offset.Zero, Offset.Zero)
        {
            public override ZoneInterval GetZoneInterval(Instant instant) => throw new InvalidOperationException("the zone data is unavailable");
        }
    }

    [Fact]
    public void Availability_measures_periods_at_the_ends_of_the_supported_range()
    {
        const string outages = """
            {"service":"erp","start":"0002-01-20T00:00:00Z","end":"0002-01-21T00:00:00Z"}
            {"service":"erp","start":"9998-12-20T00:00:00Z","end":"9998-12-21T00:00:00Z"}
            """;
        var (exitCode, output, error) = Run(outages, "availability", "--policy", Policy, "--outages", "-", "--format", "csv");
        Assert.Equal((0, ""), (exitCode, error));
        Assert.StartsWith("service,period,", output);
        (exitCode, _, error) = Run("""{"service":"erp","start":"0001-06-01T00:00:00Z","end":"0001-06-02T00:00:00Z"}""", "availability", "--policy", Policy, "--outages", "-");
        Assert.Equal((2, "line 1: it lies outside the instants calendars support (0002-01-02T00:00:00Z to 9998-12-31T00:00:00Z)."), (exitCode, error.Trim()));
    }

    [Theory]
    [InlineData("report")]
    [InlineData("availability")]
    public void A_from_after_to_is_a_usage_error(string command)
    {
        var (exitCode, _, error) = Run("", command, "--policy", Policy, command == "report" ? "--tickets" : "--outages", "-",
            "--from", "2026-03-01T00:00:00Z", "--to", "2026-02-01T00:00:00Z");
        Assert.Equal((2, "--from: 2026-03-01T00:00:00Z is after --to, 2026-02-01T00:00:00Z: the range would hold nothing."), (exitCode, error.Trim()));
    }

    [Fact]
    public void Input_that_cannot_be_read_is_exit_2_after_the_lines_already_answered()
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var console = new CliConsole(new BrokenInput(Encoding.UTF8.GetBytes(Good + "\n")), output, error);
        var exitCode = SlaCommandLine.Run(["calc", "--calendar", London], console, new FakeClock(Now));
        Assert.Equal(2, exitCode);
        Assert.Equal(["""{"working":true}"""], Lines(Encoding.UTF8.GetString(output.ToArray())));
        Assert.Equal("sla: cannot read the input: Is a directory", error.ToString().Trim());
    }

    [Fact]
    public void A_line_longer_than_the_limit_gets_its_error_and_the_lines_around_it_are_answered()
    {
        var input = Bytes(Good, "{\"op\":\"isWorking\"," + new string(' ', 5000) + "\"at\":\"2026-03-27T10:00:00Z\"}", Good, new string('x', 300_000), Good);
        var lines = Sla.Cli.Compliance.Utf8LineBatches.TextLines(new MemoryStream(input), longestLine: 1000).ToList();
        Assert.Equal([1, 2, 3, 4, 5], lines.Select(l => l.Number));
        Assert.Equal([Good, null, Good, null, Good], lines.Select(l => l.Text));
        Assert.Equal("line 2 is 1 GiB (1,073,741,824 bytes) or longer: it was not read.", lines[1].Error);
        Assert.Equal("line 4 is 1 GiB (1,073,741,824 bytes) or longer: it was not read.", lines[3].Error);
    }

    [Fact]
    public void Documents_must_be_utf8_and_of_a_sane_size()
    {
        var notText = Path.Combine(Path.GetTempPath(), $"sla-test-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(notText, [.. Encoding.UTF8.GetBytes("{\"id\":\""), 0xFF, .. Encoding.UTF8.GetBytes("\",\"timeZone\":\"UTC\",\"weekly\":{\"monday\":[\"09:00-10:00\"]}}")]);
        var (exitCode, output, error) = Run("", "calendar", "check", notText);
        Assert.Equal((2, "", $"{notText}: cannot be read: it is not UTF-8 text: the byte at position 8 does not begin a valid UTF-8 character"), (exitCode, output, error.Trim()));
        var huge = Path.Combine(Path.GetTempPath(), $"sla-test-{Guid.NewGuid():N}.json");
        using (var file = File.Create(huge))
        {
            file.SetLength((64 << 20) + 1);
        }
        (exitCode, _, error) = Run("", "calendar", "check", huge);
        Assert.Equal((2, $"{huge}: cannot be read: it is larger than 64 MiB, too large for a calendar or policy document"), (exitCode, error.Trim()));
        File.Delete(huge);
    }

    [Fact]
    public void The_24x7_calendar_works_before_1970_and_takes_no_id()
    {
        var (exitCode, output, _) = Run("""{"op":"isWorking","at":"1969-12-31T23:59:59Z"}""", "calc", "--calendar", "24x7");
        Assert.Equal((0, """{"working":true}"""), (exitCode, output.Trim()));
        var (code, _, error) = Run(Good, "calc", "--calendar", "24x7", "--id", "foo");
        Assert.Equal((2, "--id: the 24x7 calendar is built in; --id and --version pick a calendar of a file."), (code, error.Trim()));
    }

    [Fact]
    public void A_calc_request_may_not_carry_a_field_named_like_the_answers()
    {
        var (exitCode, output, _) = Run("""{"id":7,"op":"isWorking","at":"2026-03-27T10:00:00Z","working":false}""", "calc", "--calendar", London);
        Assert.Equal(1, exitCode);
        Assert.Equal("""{"id":7,"error":"'working' is a field of the answer: give the request's own fields other names than deadline, elapsed, seconds, working, error."}""", output.Trim());
    }

    [Fact]
    public void A_policy_calendar_answers_only_while_its_version_is_in_force()
    {
        var (exitCode, output, _) = Run("""{"op":"isWorking","at":"2020-03-02T08:00:00Z"}""", "calc", "--calendar", Policy);
        Assert.Equal(1, exitCode);
        Assert.StartsWith("""{"error":"no version of the policy is in force at 2020-03-02T08:00:00Z (the first, 2026.1, takes effect at""", output.Trim());
    }

    [Fact]
    public void Report_csv_quotes_fields_that_need_it()
    {
        var policy = TempFile(File.ReadAllText(Policy).Replace("\"email\"", "\"e,\\\"mail\"", StringComparison.Ordinal));
        var tickets = string.Join('\n', SampleTickets).Replace("\"email\"", "\"e,\\\"mail\"", StringComparison.Ordinal);
        var (exitCode, output, error) = Run(tickets, "report", "--policy", policy, "--tickets", "-", "--at", "2026-06-01T00:00:00Z", "--format", "csv");
        Assert.Equal((0, ""), (exitCode, error));
        Assert.Contains("\n\"e,\"\"mail\",,P", output);
    }

    [Fact]
    public void Standard_error_that_cannot_be_written_keeps_quiet()
    {
        var quiet = new QuietWriter(new BrokenWriter());
        quiet.WriteLine("lost");
        quiet.Write('x');
        quiet.Flush();
    }

    /// <summary>Standard input that gives some bytes, then fails as reading a directory does.</summary>
    private sealed class BrokenInput(byte[] first) : MemoryStream(first)
    {
        public override int Read(byte[] buffer, int offset, int count) => Position < Length ? base.Read(buffer, offset, count) : throw new IOException("Is a directory");

        public override int Read(Span<byte> buffer)
        {
            var copy = new byte[buffer.Length];
            var read = Read(copy, 0, copy.Length);
            copy.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
    }

    /// <summary>Standard error that has been closed.</summary>
    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("Bad file descriptor");

        public override void Write(string? value) => throw new IOException("Bad file descriptor");

        public override void WriteLine(string? value) => throw new IOException("Bad file descriptor");

        public override void Flush() => throw new IOException("Bad file descriptor");
    }

    /// <summary>Standard output on a full disk.</summary>
    /// <summary>Gives its bytes, then blocks as a pipe whose writer is still there but silent.</summary>
    private sealed class EndlessInput(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            if (read == 0)
            {
                Thread.Sleep(Timeout.Infinite);
            }
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            var bytes = new byte[buffer.Length];
            var read = Read(bytes, 0, bytes.Length);
            bytes.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
    }

    private sealed class FullDisk : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("No space left on device");
    }
}
