using Herald.Storage;

namespace Herald.Providers.Instances;

/// <summary>Every change of an instance goes through here: bump its version and record who, what and why.</summary>
internal static class ProviderChanges
{
    public static void Record(HeraldDbContext context, ProviderInstanceRecord record, string changedBy, string kind, string reason, bool settingsChanged, DateTime now)
    {
        record.Version++;
        record.UpdatedAt = now;
        record.UpdatedBy = changedBy;
        record.Reason = reason;
        context.ProviderInstanceVersions.Add(new ProviderInstanceVersionRecord
        {
            ProviderId = record.Id,
            Version = record.Version,
            Priority = record.Priority,
            RestingPriority = record.RestingPriority,
            Active = record.Active,
            SettingsChanged = settingsChanged,
            ChangedAt = now,
            ChangedBy = changedBy,
            Kind = kind,
            Reason = reason,
        });
    }
}
