namespace Herald.Secrets;

/// <summary>The key that protects the key ring cannot be had (bad permissions, bad value): Herald must not start.</summary>
public sealed class KeyRingUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
