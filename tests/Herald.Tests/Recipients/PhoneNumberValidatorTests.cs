using Herald.Recipients;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Recipients;

public sealed class PhoneNumberValidatorTests
{
    private static readonly PhoneNumberRules _mobileOnly = new(AllowInternational: false, AllowLandline: false);
    private static readonly PhoneNumberRules _landlines = new(AllowInternational: false, AllowLandline: true);
    private static readonly PhoneNumberRules _international = new(AllowInternational: true, AllowLandline: false);
    private static readonly PhoneNumberRules _everything = new(AllowInternational: true, AllowLandline: true);

    private readonly PhoneNumberValidator _validator = Create("GB");

    [Theory]
    [InlineData("07723456789")]
    [InlineData("7723456789")]
    [InlineData("07723 456789")]
    [InlineData("07723 456 789")]
    [InlineData("07723-456-789")]
    [InlineData("(07723) 456789")]
    [InlineData("+447723456789")]
    [InlineData("+44 7723 456 789")]
    [InlineData("+44 (0)7723 456 789")]
    [InlineData("(+44) 7723 456789")]
    [InlineData("447723456789")]
    [InlineData("00447723456789")]
    [InlineData("0044 7723 456789")]
    [InlineData("00 44 7723456789")]
    [InlineData("\u200b\t\t+44 (0)7723 456 789\ufeff \r\n")]
    [InlineData("07723\u00a0456\u00a0789")]
    [InlineData("07723\u2013456\u2013789")]
    public void Uk_mobile_in_any_common_format_is_normalised(string input)
    {
        var result = _validator.Validate(input, _mobileOnly);

        Assert.Equal(RecipientResult.Valid("447723456789"), result);
    }

    [Theory]
    [InlineData("07700 900123", "447700900123")]
    [InlineData("07700900000", "447700900000")]
    [InlineData("07700900999", "447700900999")]
    [InlineData("07700900003", "447700900003")]
    [InlineData("07700900002", "447700900002")]
    [InlineData("+447700900030", "447700900030")]
    [InlineData("447700900020", "447700900020")]
    public void Drama_range_number_is_a_uk_mobile(string input, string expected)
    {
        var result = _validator.Validate(input, _mobileOnly);

        Assert.Equal(RecipientResult.Valid(expected), result);
    }

    [Theory]
    [InlineData("0+447988123456", "447988123456")]
    [InlineData("0+44(0)7779123456", "447779123456")]
    [InlineData("+07044123456", "447044123456")]
    [InlineData("000007392123456", "447392123456")]
    [InlineData("04407379123456", "447379123456")]
    public void Near_valid_uk_number_is_rescued_as_notify_does(string input, string expected)
    {
        var result = _validator.Validate(input, _mobileOnly);

        Assert.Equal(RecipientResult.Valid(expected), result);
    }

    [Theory]
    [InlineData("0117 496 0860", "441174960860")]
    [InlineData("+44 117 496 0860", "441174960860")]
    [InlineData("0044 117 496 0860", "441174960860")]
    [InlineData("020 7946 0991", "442079460991")]
    [InlineData("016064 1234", "44160641234")]
    [InlineData("030 1234 5678", "443012345678")]
    public void Uk_landline_is_allowed_only_with_the_landline_permission(string input, string expected)
    {
        Assert.Equal(RecipientResult.Invalid(RecipientErrors.NotAUkMobile), _validator.Validate(input, _mobileOnly));
        Assert.Equal(RecipientResult.Invalid(RecipientErrors.NotAUkMobile), _validator.Validate(input, _international));
        Assert.Equal(RecipientResult.Valid(expected), _validator.Validate(input, _landlines));
    }

    [Theory]
    [InlineData("+1 202-555-0104", "12025550104")] // US
    [InlineData("1-202-555-0104", "12025550104")] // US without the +, as spreadsheets leave it
    [InlineData("0012025550104", "12025550104")]
    [InlineData("+0012025550104", "12025550104")]
    [InlineData("1\u2011202\u2013555\u2014010\u22124", "12025550104")] // non-breaking hyphen, en dash, em dash, minus sign
    [InlineData("+33 6 12 34 56 78", "33612345678")] // France
    [InlineData("0033612345678", "33612345678")]
    [InlineData("33(0)6 12 34 56 78", "33612345678")]
    [InlineData("+91 98765 43210", "919876543210")] // India
    [InlineData("+61 412 345 678", "61412345678")] // Australia
    [InlineData("+7 (8) (495) 123-45-67", "74951234567")] // Russia, with its trunk prefix
    [InlineData("784951234567", "74951234567")]
    [InlineData("230 5 2512345", "23052512345")] // Mauritius
    [InlineData("+43 676 111 222 333 4", "436761112223334")] // Austria, 13 digits
    public void International_number_is_allowed_only_with_the_international_permission(string input, string expected)
    {
        Assert.Equal(RecipientResult.Invalid(RecipientErrors.NotAUkMobile), _validator.Validate(input, _mobileOnly));
        Assert.Equal(RecipientResult.Valid(expected, isInternational: true), _validator.Validate(input, _international));
    }

    [Fact]
    public void Crown_dependency_mobile_is_not_international()
    {
        var result = _validator.Validate("+44 7797 292290", _mobileOnly);

        Assert.Equal(RecipientResult.Valid("447797292290"), result);
    }

    [Theory]
    [InlineData("0900 123 4567")] // premium rate
    [InlineData("09001234567")]
    [InlineData("+44 909 876 5432")]
    [InlineData("0845 46 46")] // short premium
    [InlineData("0800 123 4567")] // freephone: costly to the sender, never a person's phone
    [InlineData("0845 123 4567")] // shared cost
    [InlineData("0400 123 4567")] // not in use
    [InlineData("0600 123 4567")]
    [InlineData("0772345678")] // right length for a landline, not a number in use
    public void Premium_rate_and_unallocated_uk_numbers_are_refused(string input)
    {
        var result = _validator.Validate(input, _everything);

        Assert.Equal(RecipientResult.Invalid(RecipientErrors.InvalidPhoneNumber), result);
    }

    [Theory]
    [InlineData("07890x32109")]
    [InlineData("07723 456789...")]
    [InlineData("07723 ☟☜⬇⬆☞☝")]
    [InlineData("07\";DROP TABLE;\"")]
    [InlineData("+44 07ab cde fgh")]
    [InlineData("ALPHANUM3R1C")]
    [InlineData("0800-FLOWERS")]
    [InlineData("079OO900123")]
    [InlineData("07723 456789 ext 12")]
    [InlineData("07723/456789")]
    public void Letters_and_symbols_are_refused(string input)
    {
        var result = _validator.Validate(input, _everything);

        Assert.Equal(RecipientResult.Invalid(RecipientErrors.LettersOrSymbols), result);
    }

    [Theory]
    [InlineData("772345678910")]
    [InlineData("0772345678910")]
    [InlineData("0044772345678910")]
    [InlineData("+44 (0)7723 456 789 10")]
    [InlineData("+44 7723 456 789 1234")]
    [InlineData("+12345 12345 12345 6")]
    public void Too_long_number_has_too_many_digits(string input)
    {
        var result = _validator.Validate(input, _mobileOnly);

        Assert.Equal(RecipientResult.Invalid(RecipientErrors.TooManyDigits), result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("()-")]
    [InlineData("+")]
    [InlineData("0777")]
    [InlineData("+44 1")]
    public void Too_short_number_has_not_enough_digits(string input)
    {
        var result = _validator.Validate(input, _everything);

        Assert.Equal(RecipientResult.Invalid(RecipientErrors.NotEnoughDigits), result);
    }

    [Theory]
    [InlineData("+999 1234 5678")]
    [InlineData("+800 1234 5678")] // global freephone: a calling code, but no country
    [InlineData("00 999 1234 5678")]
    public void Unknown_country_code_is_not_a_valid_country_prefix(string input)
    {
        var result = _validator.Validate(input, _everything);

        Assert.Equal(RecipientResult.Invalid(RecipientErrors.InvalidCountryPrefix), result);
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("+682 1234")] // Cook Islands numbers have five digits
    [InlineData("0033877123456")] // France has no numbers starting 87
    [InlineData("+44 (0)7723 456 78")]
    public void Possible_but_unallocated_number_is_not_valid(string input)
    {
        var result = _validator.Validate(input, _everything);

        Assert.Equal(RecipientResult.Invalid(RecipientErrors.InvalidPhoneNumber), result);
    }

    [Fact]
    public void Default_region_reads_national_format_but_uk_stays_uk()
    {
        var france = Create("FR");

        Assert.Equal(RecipientResult.Valid("33612345678", isInternational: true), france.Validate("06 12 34 56 78", _international));
        Assert.Equal(RecipientResult.Invalid(RecipientErrors.NotAUkMobile), france.Validate("06 12 34 56 78", _mobileOnly));
        Assert.Equal(RecipientResult.Valid("447723456789"), france.Validate("+44 7723 456789", _mobileOnly));
    }

    [Fact]
    public void Validator_is_safe_to_share_between_threads()
    {
        var results = Enumerable.Range(0, 2_000).AsParallel()
            .Select(i => _validator.Validate($"07723 {i % 1000:000}789", _mobileOnly))
            .ToList();

        Assert.All(results, r => Assert.True(r.IsValid));
    }

    private static PhoneNumberValidator Create(string region) =>
        new(Options.Create(new RecipientOptions { DefaultRegion = region }));
}
