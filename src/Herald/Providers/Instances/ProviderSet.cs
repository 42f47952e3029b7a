namespace Herald.Providers.Instances;

/// <summary>A snapshot of every provider instance, active or not, as one node sees it.</summary>
public sealed class ProviderSet(IReadOnlyList<ProviderInstance> instances, ProviderInstance capture)
{
    public IReadOnlyList<ProviderInstance> All => instances;

    /// <summary>The dev inbox, used by a channel that has no instances at all (a fresh install).</summary>
    public ProviderInstance Capture => capture;

    public IEnumerable<ProviderInstance> ForChannel(string channel) => instances.Where(i => i.Channel == channel);

    public ProviderInstance? Find(string name) => instances.FirstOrDefault(i => i.Name == name);

    /// <summary>The settings of every instance of one type, e.g. every Twilio account a webhook may come from.</summary>
    public IEnumerable<T> SettingsOf<T>() => instances.Select(i => i.Settings.Typed).OfType<T>();
}
