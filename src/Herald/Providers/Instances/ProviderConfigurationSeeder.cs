using System.Text.Json.Nodes;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Providers.Instances;

/// <summary>
/// Brings the instances that configuration declares into the database, once per process:
/// <c>Delivery:EmailProvider</c> / <c>Delivery:SmsProvider</c> with their <c>Providers:{Type}</c>
/// section (an instance named after its type), and each entry of <c>Providers:Instances</c>.
/// Configuration owns their settings (a changed setting is applied at the next start); weights
/// and activity are run-time state owned by the admin API and automatic switching. An instance
/// that configuration no longer declares is deactivated.
/// </summary>
public sealed partial class ProviderConfigurationSeeder(
    HeraldDatabase database, IConfiguration configuration, ProviderSettingsProtector protector, ProviderTypes types, TimeProvider time, ILogger<ProviderConfigurationSeeder> logger)
{
    public const string ChangedBy = "configuration";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var declared = Declared().ToList();
        await using var context = database.CreateContext();

        // Read without tracking and attached only when changed: a start with nothing to write
        // (every start but the first after a configuration change) runs no change tracking and no
        // SaveChanges, whose first use costs a fresh process a fifth of a second of compiling.
        var existing = await context.ProviderInstances.AsNoTracking().ToListAsync(cancellationToken);
        var changed = false;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var provider in declared)
        {
            var settings = provider.Settings.ToJson(provider.Type);
            var record = existing.FirstOrDefault(e => e.Name == provider.Name);
            if (record is null)
            {
                record = new ProviderInstanceRecord
                {
                    Id = Guid.NewGuid(), Name = provider.Name, Channel = provider.Channel, Type = provider.Type.Name,
                    Priority = provider.Priority, RestingPriority = provider.Priority, Active = provider.Active,
                    ProtectedSettings = protector.Protect(settings), FromConfiguration = true, CreatedAt = now, UpdatedBy = ChangedBy, Reason = "",
                };
                context.ProviderInstances.Add(record);
                ProviderChanges.Record(context, record, ChangedBy, ProviderChangeKinds.Created, "declared in configuration", true, now);
                changed = true;
            }
            else if (!record.FromConfiguration)
            {
                LogNameTaken(logger, provider.Name);
            }
            else
            {
                var settingsChanged = record.Type != provider.Type.Name || record.Channel != provider.Channel
                    || !JsonNode.DeepEquals(protector.Unprotect(record.ProtectedSettings), settings);
                var reactivated = !record.Active && record.UpdatedBy == ChangedBy && record.Reason == NoLongerDeclared;
                if (settingsChanged || reactivated)
                {
                    context.ProviderInstances.Attach(record);
                    changed = true;
                    record.Type = provider.Type.Name;
                    record.Channel = provider.Channel;
                    record.ProtectedSettings = protector.Protect(settings);
                    record.Active |= reactivated;
                    ProviderChanges.Record(context, record, ChangedBy, ProviderChangeKinds.Configuration,
                        reactivated ? "declared in configuration again" : "settings changed in configuration", settingsChanged, now);
                }
            }
        }

        foreach (var record in existing.Where(e => e.FromConfiguration && e.Active && declared.All(d => d.Name != e.Name)))
        {
            context.ProviderInstances.Attach(record);
            changed = true;
            record.Active = false;
            ProviderChanges.Record(context, record, ChangedBy, ProviderChangeKinds.Configuration, NoLongerDeclared, false, now);
        }

        if (!changed)
        {
            return;
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another node starting at the same moment did the same work.
            LogRaced(logger, ex);
        }
    }

    private const string NoLongerDeclared = "no longer in configuration";

    private IEnumerable<DeclaredProvider> Declared()
    {
        foreach (var (channel, typeName) in new[]
        {
            (ProviderChannels.Email, configuration[$"{DeclaredProviderOptions.Section}:{nameof(DeclaredProviderOptions.EmailProvider)}"]),
            (ProviderChannels.Sms, configuration[$"{DeclaredProviderOptions.Section}:{nameof(DeclaredProviderOptions.SmsProvider)}"]),
        })
        {
            if (types.Find(typeName) is { ConfigurationSection: { } section } type)
            {
                yield return new DeclaredProvider(type.Name, channel, type, 100, true,
                    ProviderSettings.FromConfiguration(type, configuration.GetSection(section)));
            }
        }

        foreach (var section in configuration.GetSection("Providers:Instances").GetChildren())
        {
            var name = section["Name"];
            var type = types.Find(section["Type"]);
            var channel = section["Channel"] ?? type?.Channels[0];
            var settings = type is null ? null : ProviderSettings.FromConfiguration(type, section.GetSection("Settings"));
            var errors = new List<string>();
            if (settings is not null)
            {
                ProviderSettings.Parse(type!, settings.ToJson(type!), errors);
            }

            if (string.IsNullOrWhiteSpace(name) || type is null || channel is null || !type.Channels.Contains(channel) || errors.Count > 0)
            {
                LogInvalidDeclaration(logger, section.Path, errors.Count > 0 ? string.Join("; ", errors) : "Name, a known Type and a Channel that type serves are required");
                continue;
            }

            yield return new DeclaredProvider(name, channel, type, int.Clamp(section.GetValue("Priority", 100), 0, 100), section.GetValue("Active", true), settings!);
        }
    }

    [LoggerMessage(9003, LogLevel.Warning, "Provider {ProviderName} declared in configuration is ignored: an instance created through the admin API has that name")]
    private static partial void LogNameTaken(ILogger logger, string providerName);

    [LoggerMessage(9004, LogLevel.Error, "Provider declared at {ConfigurationPath} is ignored: {Problem}")]
    private static partial void LogInvalidDeclaration(ILogger logger, string configurationPath, string problem);

    [LoggerMessage(9005, LogLevel.Information, "Provider instances from configuration were written by another node at the same time")]
    private static partial void LogRaced(ILogger logger, Exception exception);
}
