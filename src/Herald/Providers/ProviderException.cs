using Herald.Queue;

namespace Herald.Providers;

/// <summary>A provider call failed, classified so that delivery knows whether to retry.</summary>
public sealed class ProviderException(ProviderFailureKind kind, string message, Exception? inner = null) : ExpectedFailureException(message, inner)
{
    public ProviderFailureKind Kind { get; } = kind;
}
