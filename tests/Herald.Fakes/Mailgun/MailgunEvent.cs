using System.Text.Json.Nodes;

namespace Herald.Fakes.Mailgun;

/// <summary>One entry of Mailgun's event log: its place in the log, when it happened, when the events API first shows it (Mailgun stores events late), and the event JSON.</summary>
internal sealed record MailgunEvent(long Sequence, double Timestamp, string Name, string Recipient, string MessageId, JsonObject Data, DateTimeOffset VisibleAt);
