namespace Herald.Services;

/// <summary>
/// What a request or a delivery needs of its service, cached briefly: settings, live keys, team
/// and guest list, and the kinds of callback it has registered.
/// </summary>
public sealed record ServiceSnapshot(
    ServiceRecord Service,
    IReadOnlyList<ServiceKeySnapshot> Keys,
    IReadOnlySet<string> AllowedRecipients,
    IReadOnlySet<string> CallbackKinds);

public sealed record ServiceKeySnapshot(Guid Id, string Name, KeyType KeyType, byte[] Secret, bool Revoked);
