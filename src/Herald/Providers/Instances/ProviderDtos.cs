using System.Text.Json.Nodes;

namespace Herald.Providers.Instances;

public sealed record CreateProviderRequest(string? Channel, string? Type, string? Name, int? Priority, bool? Active, JsonObject? Settings, string? ChangedBy = null);

/// <summary>Settings, when given, replace the old ones, except secrets left out, which are kept.</summary>
public sealed record UpdateProviderRequest(int? Priority, bool? Active, JsonObject? Settings, string? Reason, string? ChangedBy = null);

/// <param name="Settings">Without secrets; <paramref name="SecretsSet"/> names those that have a value.</param>
public sealed record ProviderResponse(
    Guid Id, string Channel, string Type, string Name, int Priority, int RestingPriority, bool Active, JsonObject Settings, IReadOnlyList<string> SecretsSet,
    bool FromConfiguration, int Version, string UpdatedAt, string UpdatedBy, string Reason);

public sealed record ProviderListResponse(IReadOnlyList<ProviderResponse> Providers);

public sealed record ProviderVersionResponse(int Version, int Priority, int RestingPriority, bool Active, bool SettingsChanged, string ChangedAt, string ChangedBy, string Kind, string Reason);

public sealed record ProviderVersionListResponse(IReadOnlyList<ProviderVersionResponse> Versions);
