using Herald.Recipients;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Recipients;

public sealed class SmsSenderValidatorTests
{
    private readonly SmsSenderValidator _senders = new(new PhoneNumberValidator(Options.Create(new RecipientOptions { DefaultRegion = "GB" })));

    [Theory]
    [InlineData("07700900500", "+447700900500")]
    [InlineData("07700 900 500", "+447700900500")]
    [InlineData("447700900500", "+447700900500")]
    [InlineData("+447700900500", "+447700900500")]
    [InlineData("+1 415 555 0101", "+14155550101")]
    [InlineData("+18005550199", "+18005550199")]
    [InlineData("60060", "60060")]
    [InlineData("898882", "898882")]
    [InlineData("Clinic", "Clinic")]
    [InlineData("GOVUK 111", "GOVUK 111")]
    public void A_sender_is_kept_in_the_form_providers_take(string sender, string stored) =>
        Assert.Equal(RecipientResult.Valid(stored, isInternational: stored.StartsWith("+1", StringComparison.Ordinal)), _senders.Validate(sender));

    [Theory]
    [InlineData("", SmsSenderValidator.InvalidSender)]
    [InlineData("ClinicLondon", SmsSenderValidator.InvalidSender)]
    [InlineData("7777777777777777777777777777777", SmsSenderValidator.InvalidSender)]
    [InlineData("0770090", RecipientErrors.NotEnoughDigits)]
    [InlineData("+44770090050012", RecipientErrors.TooManyDigits)]
    [InlineData("+999123456789", RecipientErrors.InvalidCountryPrefix)]
    public void A_sender_that_is_neither_an_id_a_short_code_nor_a_phone_number_is_refused(string sender, string error) =>
        Assert.Equal(RecipientResult.Invalid(error), _senders.Validate(sender));

    [Theory]
    [InlineData("07700900500", "+447700900500")]
    [InlineData("Clinic", "Clinic")]
    [InlineData("60060", "60060")]
    [InlineData("0770090", "0770090")]
    public void A_sender_goes_to_providers_in_e164_when_it_is_a_number(string sender, string sent) =>
        Assert.Equal(sent, _senders.E164(sender));
}
