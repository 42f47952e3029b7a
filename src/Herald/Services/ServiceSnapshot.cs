namespace Herald.Services;

/// <summary>What a request needs of its service, cached briefly: settings, live keys, team and guest list.</summary>
public sealed record ServiceSnapshot(
    ServiceRecord Service,
    IReadOnlyList<ServiceKeySnapshot> Keys,
    IReadOnlySet<string> AllowedRecipients);

public sealed record ServiceKeySnapshot(Guid Id, string Name, KeyType KeyType, byte[] Secret, bool Revoked);
