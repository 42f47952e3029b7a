using PhoneNumbers;

namespace Herald.Recipients;

public static class RecipientServiceCollectionExtensions
{
    /// <summary>Binds <see cref="RecipientOptions"/> (validated at start-up) and registers <see cref="PhoneNumberValidator"/> and <see cref="SmsSenderValidator"/>.</summary>
    public static IHostApplicationBuilder AddRecipients(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RecipientOptions>().BindConfiguration(RecipientOptions.Section).ValidateDataAnnotations()
            .Validate(o => IsSupportedRegion(o.DefaultRegion), "Recipients:DefaultRegion must be a region libphonenumber knows, such as \"GB\".")
            .ValidateOnStart();
        builder.Services.AddSingleton<PhoneNumberValidator>();
        builder.Services.AddSingleton<SmsSenderValidator>();
        return builder;
    }

    private static bool IsSupportedRegion(string? region) =>
        !string.IsNullOrWhiteSpace(region)
        && PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(region.ToUpperInvariant());
}
