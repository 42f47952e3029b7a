
namespace Herald.Outbound;

/// <summary>A user-supplied URL now points somewhere Herald may not call.</summary>
public sealed class OutboundRefusedException(string message) : Exception(message);
