using Herald.Recipients;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Recipients;

public sealed class RecipientServiceCollectionExtensionsTests
{
    [Fact]
    public void Configured_default_region_reads_national_numbers()
    {
        using var services = Build(new() { ["Recipients:DefaultRegion"] = "fr" });

        var validator = services.GetRequiredService<PhoneNumberValidator>();

        Assert.Same(validator, services.GetRequiredService<PhoneNumberValidator>());
        Assert.Equal("33612345678", validator.Validate("06 12 34 56 78", new(AllowInternational: true, AllowLandline: false)).Normalised);
    }

    [Fact]
    public void Default_region_is_gb()
    {
        using var services = Build([]);

        Assert.Equal("447723456789", services.GetRequiredService<PhoneNumberValidator>().Validate("07723 456789", new(false, false)).Normalised);
    }

    [Fact]
    public void Unknown_default_region_is_refused()
    {
        using var services = Build(new() { ["Recipients:DefaultRegion"] = "XX" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RecipientOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRecipients();
        return builder.Services.BuildServiceProvider();
    }
}
