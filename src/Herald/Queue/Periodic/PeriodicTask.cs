namespace Herald.Queue.Periodic;

/// <summary>
/// A cron schedule that enqueues an item of <paramref name="Kind"/> once per time slot across
/// all nodes. Registered with <c>services.AddPeriodicTask(...)</c>; the schedule can be changed or
/// turned off in configuration (<c>Periodic:Schedules:{Name}</c> = a cron expression or <c>off</c>).
/// </summary>
/// <param name="Cron">Five fields, or six with seconds first; evaluated in UTC.</param>
public sealed record PeriodicTask(string Name, string Cron, string Kind, string Payload = "{}");
