using Herald.Templates;

namespace Herald.Tests.Templates;

public sealed class SmsFragmentsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(918, 6)]
    [InlineData(919, 7)]
    public void Gsm7_text_is_one_fragment_up_to_160_then_153_each(int length, int fragments)
    {
        var measured = SmsFragments.Measure(new string('a', length));

        Assert.Equal(new SmsLength(length, fragments, SmsEncoding.Gsm7), measured);
    }

    [Theory]
    [InlineData('^')]
    [InlineData('{')]
    [InlineData('}')]
    [InlineData('\\')]
    [InlineData('[')]
    [InlineData('~')]
    [InlineData(']')]
    [InlineData('|')]
    [InlineData('€')]
    public void Gsm7_extension_characters_count_double(char extended)
    {
        var measured = SmsFragments.Measure(new string('a', 159) + extended);

        Assert.Equal(new SmsLength(161, 2, SmsEncoding.Gsm7), measured);
    }

    [Fact]
    public void Gsm7_basic_accented_and_greek_characters_stay_gsm7()
    {
        var measured = SmsFragments.Measure("£5 für Ærø @ ΔΩ é ñ §¿¡");

        Assert.Equal(SmsEncoding.Gsm7, measured.Encoding);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2_text_is_one_fragment_up_to_70_then_67_each(int length, int fragments)
    {
        var measured = SmsFragments.Measure("ŵ" + new string('a', length - 1));

        Assert.Equal(new SmsLength(length, fragments, SmsEncoding.Ucs2), measured);
    }

    [Fact]
    public void Emoji_forces_ucs2_and_counts_two_units()
    {
        var measured = SmsFragments.Measure("Hi 😀");

        Assert.Equal(new SmsLength(5, 1, SmsEncoding.Ucs2), measured);
    }

    [Fact]
    public void Limit_is_six_gsm7_fragments()
    {
        Assert.Equal(918, SmsFragments.MaxCharacters);
        Assert.Equal(6, SmsFragments.Measure(new string('a', SmsFragments.MaxCharacters)).Fragments);
    }

    [Fact]
    public void Email_body_limit_is_two_million_bytes()
    {
        Assert.Equal(2_000_000, TemplateLimits.MaxEmailBodyBytes);
        Assert.False(TemplateLimits.IsEmailBodyTooLong(new string('a', 2_000_000)));
        Assert.True(TemplateLimits.IsEmailBodyTooLong(new string('é', 1_000_001)));
    }
}
