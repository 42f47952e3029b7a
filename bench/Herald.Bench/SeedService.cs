namespace Herald.Bench;

/// <summary>A service made through the admin API for a benchmark's seeded notifications: its email and SMS templates and its key.</summary>
internal sealed record SeedService(Guid Id, Guid EmailTemplate, Guid SmsTemplate, Guid Key);
