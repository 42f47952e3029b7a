using System.Net.Http.Json;
using Herald.Fakes;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Providers;

/// <summary>
/// A service's numeric sender is a phone number: set in any form a person writes one, kept in
/// E.164 and sent in each provider's form. Twilio refuses a national-format From (21212), Vonage
/// a national-format from (status 15), and the notification would end technical-failure.
/// </summary>
public sealed class NumericSenderTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_numeric_sender_is_validated_and_kept_in_e164(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: Herald.Settings.HeraldRole.Api);

        Assert.Equal("+447700900500", (await herald.CreateServiceAsync(new { name = "Plus", sms_sender = "+447700900500" })).GetProperty("sms_sender").GetString());
        Assert.Equal("+447700900500", (await herald.CreateServiceAsync(new { name = "National", sms_sender = "07700 900500" })).GetProperty("sms_sender").GetString());
        Assert.Equal("60060", (await herald.CreateServiceAsync(new { name = "Short code", sms_sender = "60060" })).GetProperty("sms_sender").GetString());
        Assert.Equal("Clinic", (await herald.CreateServiceAsync(new { name = "Alphanumeric", sms_sender = "Clinic" })).GetProperty("sms_sender").GetString());

        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/services", new { name = "x", sms_sender = "0770090" }),
            400, "ValidationError", "sms_sender Not enough digits");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/services", new { name = "x", sms_sender = "ClinicLondon" }),
            400, "ValidationError", "sms_sender must be 1 to 11 letters or digits, or a phone number");
        var services = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync(new Uri("/admin/api/services", UriKind.Relative)), 200);
        Assert.Equal(4, services.GetProperty("services").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_national_format_sender_goes_to_twilio_in_e164(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(TwilioTests.FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, settings: TwilioTests.Settings(fakes.BaseUrl));
        var service = await herald.CreateReadyServiceAsync(service: new { name = "Clinic", sms_sender = "07700900500" });
        var shortCode = await herald.CreateReadyServiceAsync(service: new { name = "Short", sms_sender = "60060" });

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;
        var viaShortCode = (await herald.SendSmsAsync(shortCode, "07700900124")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "sending");
        await herald.WaitForStatusAsync(shortCode.Key, viaShortCode, "sending");
        Assert.Equal("+447700900500", Assert.Single(fakes.Twilio.Requests, r => r.Form["To"] == "+447700900123").Form["From"]);
        Assert.Equal("60060", Assert.Single(fakes.Twilio.Requests, r => r.Form["To"] == "+447700900124").Form["From"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_configured_national_format_sender_goes_to_twilio_in_e164(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(TwilioTests.FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = TwilioTests.Settings(fakes.BaseUrl);
        settings["Providers:Twilio:From"] = "07700900500";
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "sending");
        Assert.Equal("+447700900500", Assert.Single(fakes.Twilio.Requests).Form["From"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_numeric_sender_goes_to_vonage_as_e164_digits(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(VonageTests.FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = VonageTests.Settings(fakes.BaseUrl);
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var plus = await herald.CreateReadyServiceAsync(service: new { name = "Plus", sms_sender = "+447700900500" });
        var national = await herald.CreateReadyServiceAsync(service: new { name = "National", sms_sender = "07700900501" });

        var first = (await herald.SendSmsAsync(plus, "07700900123")).GetProperty("id").GetString()!;
        var second = (await herald.SendSmsAsync(national, "07700900124")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(plus.Key, first, "sending");
        await herald.WaitForStatusAsync(national.Key, second, "sending");
        Assert.Equal("447700900500", Assert.Single(fakes.Vonage.Requests, r => r.Form["to"] == "447700900123").Form["from"]);
        Assert.Equal("447700900501", Assert.Single(fakes.Vonage.Requests, r => r.Form["to"] == "447700900124").Form["from"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_configured_national_format_sender_goes_to_vonage_as_e164_digits(DatabaseProvider provider)
    {
        await using var fakes = await ProviderFakes.StartAsync(VonageTests.FakeOptions);
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = VonageTests.Settings(fakes.BaseUrl);
        settings["Providers:Vonage:From"] = "07700900500";
        await using var herald = await HeraldApp.StartAsync(database, settings: settings);
        var service = await herald.CreateReadyServiceAsync();

        var id = (await herald.SendSmsAsync(service, "07700900123")).GetProperty("id").GetString()!;

        await herald.WaitForStatusAsync(service.Key, id, "sending");
        Assert.Equal("447700900500", Assert.Single(fakes.Vonage.Requests).Form["from"]);
    }
}
