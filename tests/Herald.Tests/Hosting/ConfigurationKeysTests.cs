using Microsoft.Extensions.Configuration;
using Herald.Settings;

namespace Herald.Tests.Hosting;

public sealed class ConfigurationKeysTests
{
    [Fact]
    public void A_setting_is_read_under_its_appsettings_or_its_environment_name()
    {
        var fromEnvironment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ALLOW_PRIVATE_TARGETS"] = "true" }).Build();
        var fromFile = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AllowPrivateTargets"] = "true" }).Build();

        Assert.Equal("ALLOW_PRIVATE_TARGETS", ConfigurationKeys.EnvironmentSpelling("AllowPrivateTargets"));
        Assert.True(ConfigurationKeys.GetFlag(fromEnvironment, "AllowPrivateTargets"));
        Assert.True(ConfigurationKeys.GetFlag(fromFile, "AllowPrivateTargets"));
        Assert.False(ConfigurationKeys.GetFlag(fromFile, "AllowHttpCallbacks"));
    }
}
