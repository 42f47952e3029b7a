namespace Herald.Pushers;

/// <summary>This process's lease on a pusher lapsed and another process took it over.</summary>
internal sealed class LeaseLostException() : Exception("The pusher's lease was taken over by another process.");
