using Herald.Notifications;
using Herald.Recipients;
using Herald.Templates;

namespace Herald.Api;

/// <summary>A send that passed every rule (<see cref="NotificationSender.Check"/>): what its row is made of, and the daily counters it must pass.</summary>
public sealed record CheckedSend(RecipientResult Recipient, RenderedTemplate Rendered, int Fragments, IReadOnlyList<DailyCheck> DailyChecks);
