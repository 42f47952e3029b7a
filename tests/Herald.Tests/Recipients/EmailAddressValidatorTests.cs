using Herald.Recipients;

namespace Herald.Tests.Recipients;

public sealed class EmailAddressValidatorTests
{
    [Theory]
    [InlineData("test@example.com", "test@example.com")]
    [InlineData("first.last@example.com", "first.last@example.com")]
    [InlineData("user+tag@example.com", "user+tag@example.com")]
    [InlineData("firstname-o'surname@example.com", "firstname-o'surname@example.com")]
    [InlineData("!#$%&'*+/=?^_`{|}~-@example.com", "!#$%&'*+/=?^_`{|}~-@example.com")]
    [InlineData("someone@mail.dept.example.gov.uk", "someone@mail.dept.example.gov.uk")]
    [InlineData("someone@my-domain.example.com", "someone@my-domain.example.com")]
    [InlineData("someone@123.example.com", "someone@123.example.com")]
    [InlineData("Test.User@Example.COM", "test.user@example.com")]
    [InlineData("  test@example.com \r\n", "test@example.com")]
    [InlineData("\u200btest@example.com\ufeff", "test@example.com")]
    [InlineData("\u00a0test@example.com\u00a0", "test@example.com")]
    [InlineData("info@bücher.de", "info@xn--bcher-kva.de")]
    [InlineData("info@BÜCHER.de", "info@xn--bcher-kva.de")]
    [InlineData("user@例え.テスト", "user@xn--r8jz45g.xn--zckzah")]
    [InlineData("user@xn--r8jz45g.xn--zckzah", "user@xn--r8jz45g.xn--zckzah")]
    public void Valid_address_is_trimmed_and_lower_cased(string input, string expected)
    {
        var result = EmailAddressValidator.Validate(input);

        Assert.Equal(RecipientResult.Valid(expected), result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("plainaddress")]
    [InlineData("@example.com")]
    [InlineData("test@")]
    [InlineData("test@@example.com")]
    [InlineData("test@one@example.com")]
    [InlineData("test..user@example.com")]
    [InlineData("test@example..com")]
    [InlineData("test@.example.com")]
    [InlineData("test@example.com.")]
    [InlineData("test@example")]
    [InlineData("test@localhost")]
    [InlineData("test@example.123")]
    [InlineData("test@example.c")]
    [InlineData("test@example.c0m")]
    [InlineData("test@-example.com")]
    [InlineData("test@example-.com")]
    [InlineData("test@exa_mple.com")]
    [InlineData("test user@example.com")]
    [InlineData("test@exam ple.com")]
    [InlineData("\"quoted\"@example.com")]
    [InlineData("semi;colon@example.com")]
    [InlineData("test@[127.0.0.1]")]
    [InlineData("test@127.0.0.1")]
    [InlineData("Joe Bloggs <test@example.com>")]
    [InlineData("test@example.com,other@example.com")]
    public void Malformed_address_is_not_valid(string input)
    {
        var result = EmailAddressValidator.Validate(input);

        Assert.Equal(RecipientResult.Invalid("Not a valid email address"), result);
    }

    [Fact]
    public void Label_of_63_characters_is_valid_and_64_is_not()
    {
        Assert.True(EmailAddressValidator.Validate($"test@{new string('a', 63)}.com").IsValid);
        Assert.False(EmailAddressValidator.Validate($"test@{new string('a', 64)}.com").IsValid);
    }

    [Fact]
    public void Unicode_label_is_measured_after_idna_encoding()
    {
        // 60 characters of "ü" encode to far more than 63 ASCII characters.
        var result = EmailAddressValidator.Validate($"test@{new string('ü', 60)}.de");

        Assert.Equal(RecipientResult.Invalid(RecipientErrors.InvalidEmailAddress), result);
    }

    [Fact]
    public void Address_of_320_characters_is_valid_and_321_is_not()
    {
        // Labels of 63 keep the hostname within DNS's 253 so only the overall length decides.
        var hostname = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.com"; // 199 characters
        var atMost = $"{new string('x', 320 - 1 - hostname.Length)}@{hostname}";
        var tooLong = "y" + atMost;

        Assert.Equal(320, atMost.Length);
        Assert.True(EmailAddressValidator.Validate(atMost).IsValid);
        Assert.Equal(RecipientResult.Invalid(RecipientErrors.InvalidEmailAddress), EmailAddressValidator.Validate(tooLong));
    }

    [Fact]
    public void Hostname_longer_than_253_characters_is_not_valid()
    {
        var hostname = string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) + ".com"; // 259 characters

        Assert.False(EmailAddressValidator.Validate($"test@{hostname}").IsValid);
    }
}
