namespace Herald.Callbacks;

/// <summary>The body POSTed to a service's inbound_sms callback, as Notify sends it.</summary>
public sealed record InboundSmsCallback(Guid Id, string SourceNumber, string DestinationNumber, string Message, string DateReceived);
