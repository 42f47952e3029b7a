using System.Text.Json.Nodes;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Herald.NotifyFormat;

namespace Herald.Providers.Instances;

/// <summary>
/// The admin API's provider operations: list, create, change. A manual weight becomes the
/// instance's resting weight too. Secrets are encrypted at rest and never returned.
/// </summary>
public sealed class ProviderAdministration(HeraldDatabase database, ProviderDirectory directory, ProviderSettingsProtector protector, ProviderTypes types, TimeProvider time)
{
    public const string DefaultChangedBy = "admin";

    public async Task<IReadOnlyList<ProviderResponse>> ListAsync(CancellationToken cancellationToken)
    {
        await directory.CurrentAsync(cancellationToken); // instances declared in configuration exist from the first call on
        await using var context = database.CreateContext();
        var records = await context.ProviderInstances.AsNoTracking().OrderBy(p => p.Channel).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        return records.Select(Response).ToList();
    }

    public async Task<IReadOnlyList<ProviderVersionResponse>> VersionsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        if (!await context.ProviderInstances.AnyAsync(p => p.Id == id, cancellationToken))
        {
            throw NotifyApiException.NotFound();
        }

        var versions = await context.ProviderInstanceVersions.AsNoTracking().Where(v => v.ProviderId == id).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        return versions.Select(v => new ProviderVersionResponse(
            v.Version, v.Priority, v.RestingPriority, v.Active, v.SettingsChanged, ApiTime.Format(v.ChangedAt), v.ChangedBy, v.Kind, v.Reason)).ToList();
    }

    public async Task<ProviderResponse> CreateAsync(CreateProviderRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var type = types.Find(request.Type);
        if (request.Channel is not (ProviderChannels.Email or ProviderChannels.Sms))
        {
            errors.Add("channel must be email or sms");
        }

        if (type is null)
        {
            errors.Add($"type must be one of {string.Join(", ", types.All.Select(t => t.Name))}");
        }
        else if (request.Channel is { } channel && !type.Channels.Contains(channel) && channel is ProviderChannels.Email or ProviderChannels.Sms)
        {
            errors.Add($"{type.Name} providers do not send {channel}");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors.Add("name is required (at most 100 characters)");
        }

        CheckPriority(request.Priority ?? -1, errors);
        var settings = type is null ? null : ProviderSettings.Parse(type, request.Settings, errors);
        ThrowIfAny(errors);

        await using var context = database.CreateContext();
        if (await context.ProviderInstances.AnyAsync(p => p.Name == request.Name, cancellationToken))
        {
            throw NotifyApiException.Validation([$"name {request.Name} is already used by another provider"]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var record = new ProviderInstanceRecord
        {
            Id = Guid.NewGuid(), Channel = request.Channel!, Type = type!.Name, Name = request.Name!.Trim(),
            Priority = request.Priority!.Value, RestingPriority = request.Priority.Value, Active = request.Active ?? true,
            ProtectedSettings = protector.Protect(settings!.ToJson(type!)), CreatedAt = now, UpdatedBy = "", Reason = "",
        };
        context.ProviderInstances.Add(record);
        ProviderChanges.Record(context, record, ChangedBy(request.ChangedBy), ProviderChangeKinds.Created, "created", true, now);
        await SaveAsync(context, cancellationToken);
        return Response(record);
    }

    public async Task<ProviderResponse> UpdateAsync(Guid id, UpdateProviderRequest request, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var record = await context.ProviderInstances.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw NotifyApiException.NotFound();
        var type = types.Find(record.Type) ?? throw NotifyApiException.BadRequest($"provider type {record.Type} is not known to this version of Herald");
        var errors = new List<string>();
        if (request.Priority is { } priority)
        {
            CheckPriority(priority, errors);
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add("reason is required: say why the provider changes");
        }
        else if (request.Reason.Length > 1000)
        {
            errors.Add("reason is too long (1000 characters at most)");
        }

        string? protectedSettings = null;
        if (request.Settings is { } changed)
        {
            ProviderSettings.KeepOmittedSecrets(type, changed, protector.Unprotect(record.ProtectedSettings));
            var settings = ProviderSettings.Parse(type, changed, errors);
            protectedSettings = settings is null ? null : protector.Protect(settings.ToJson(type));
        }

        ThrowIfAny(errors);
        if (request.Priority is { } weight)
        {
            record.Priority = weight;
            record.RestingPriority = weight;
        }

        record.Active = request.Active ?? record.Active;
        record.ProtectedSettings = protectedSettings ?? record.ProtectedSettings;
        ProviderChanges.Record(context, record, ChangedBy(request.ChangedBy), ProviderChangeKinds.Manual, request.Reason!.Trim(), protectedSettings is not null, time.GetUtcNow().UtcDateTime);
        await SaveAsync(context, cancellationToken);
        return Response(record);
    }

    private async Task SaveAsync(HeraldDbContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw NotifyApiException.BadRequest("The provider was changed by someone else at the same time; read it again and retry");
        }
        catch (DbUpdateException)
        {
            throw NotifyApiException.Validation(["name is already used by another provider"]);
        }

        directory.Invalidate();
    }

    private ProviderResponse Response(ProviderInstanceRecord record)
    {
        var type = types.Find(record.Type);
        var stored = protector.Unprotect(record.ProtectedSettings);
        var settings = new JsonObject();
        foreach (var (key, value) in stored.Where(s => type?.Secrets.Contains(s.Key) != true))
        {
            settings[key] = value?.DeepClone();
        }

        var secretsSet = type?.Secrets.Where(s => stored[s] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0).ToList() ?? [];
        return new ProviderResponse(record.Id, record.Channel, record.Type, record.Name, record.Priority, record.RestingPriority, record.Active, settings, secretsSet,
            record.FromConfiguration, record.Version, ApiTime.Format(record.UpdatedAt), record.UpdatedBy, record.Reason);
    }

    private static void CheckPriority(int priority, List<string> errors)
    {
        if (priority is < 0 or > 100)
        {
            errors.Add("priority must be a whole number from 0 to 100");
        }
    }

    private static string ChangedBy(string? changedBy) => string.IsNullOrWhiteSpace(changedBy) ? DefaultChangedBy : changedBy.Trim()[..Math.Min(100, changedBy.Trim().Length)];

    private static void ThrowIfAny(List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw NotifyApiException.Validation(errors);
        }
    }
}
