using System.Text.Json.Nodes;

namespace Herald.Fakes.Mailgun;

/// <summary>One entry of Mailgun's event log: its place in the log, when it happened, and the event JSON.</summary>
internal sealed record MailgunEvent(long Sequence, double Timestamp, string Name, string Recipient, string MessageId, JsonObject Data);
