using CsCheck;
using Herald.Recipients;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Recipients;

/// <summary>Whatever text arrives as a recipient, validation answers valid or invalid with a reason, never an exception.</summary>
public sealed class RecipientPropertyTests
{
    private static readonly Gen<string> EmailLike = Gen.Select(RandomInput.AnyText, RandomInput.AnyText, RandomInput.AnyText,
        (local, domain, tld) => $"{local}@{domain}.{tld}");

    private static readonly Gen<string> PhoneLike = Gen.Select(Gen.OneOf("", "+", "00", "0", "+44", "+1", "(", "tel:"), Gen.Char['0', '9'].Array[0, 30], RandomInput.AnyText,
        (prefix, digits, tail) => prefix + new string(digits) + tail);

    [Fact]
    public void Any_text_as_an_email_address_is_valid_or_refused_with_a_reason()
    {
        Gen.OneOf(RandomInput.Text, EmailLike).Sample(text => Check(EmailAddressValidator.Validate(text)), iter: 5_000);
    }

    [Fact]
    public void Any_text_as_a_phone_number_is_valid_or_refused_with_a_reason()
    {
        var validator = new PhoneNumberValidator(Options.Create(new RecipientOptions()));
        Gen.Select(Gen.OneOf(RandomInput.Text, PhoneLike), Gen.Bool, Gen.Bool).Sample(
            (text, international, landline) => Check(validator.Validate(text, new PhoneNumberRules(international, landline))), iter: 5_000);
    }

    private static void Check(RecipientResult result)
    {
        if (result.IsValid)
        {
            Assert.False(string.IsNullOrEmpty(result.Normalised));
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(result.Error));
        }
    }
}
