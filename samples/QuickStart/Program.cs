using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Text;

var office = new BusinessCalendarBuilder("london-office", "Europe/London")
    .AddHours(IsoDayOfWeek.Monday, "09:00-17:30")
    .AddHours(IsoDayOfWeek.Tuesday, "09:00-17:30")
    .AddHours(IsoDayOfWeek.Wednesday, "09:00-17:30")
    .AddHours(IsoDayOfWeek.Thursday, "09:00-17:30")
    .AddHours(IsoDayOfWeek.Friday, "09:00-16:00")
    .AddRule(new FixedDateRule("Christmas Day", 12, 25, ObservedShift.NextWeekday))
    .AddRule(new EasterRule("Good Friday", EasterKind.Western, offset: -2))
    .Build();

// A ticket raised on Friday 27 March 2026 at 15:00 London time, with 8 business hours to resolve.
var created = Instant.FromUtc(2026, 3, 27, 15, 0);
var deadline = office.Add(created, Duration.FromHours(8));
Console.WriteLine($"Resolve by {deadline.InZone(office.Zone)}"); // 2026-03-30T16:00:00 Europe/London (+01)

// How much business time had passed by Monday 09:30 London time?
var mondayMorning = Instant.FromUtc(2026, 3, 30, 8, 30);
Console.WriteLine($"Used so far: {DurationText.Format(office.Elapsed(created, mondayMorning))}"); // PT1H30M: Fri 15:00-16:00, Mon 09:00-09:30
