namespace Herald.Callbacks;

/// <summary>The body POSTed to a service's complaint callback, as Notify sends it.</summary>
public sealed record ComplaintCallback(Guid NotificationId, Guid ComplaintId, string? Reference, string To, string ComplaintDate);
