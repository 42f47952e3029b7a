using Herald.Templates;

namespace Herald.Tests.Templates;

public sealed class PersonalisationTests
{
    private static RenderedTemplate Sms(string body, string json, string? prefix = null) =>
        TemplateRenderer.Render(TemplateType.Sms, null, body, Personalisation.From(json), new TemplateRenderOptions(prefix));

    [Theory]
    [InlineData("first name")]
    [InlineData("FIRST_NAME")]
    [InlineData("First-Name")]
    [InlineData("firstname")]
    public void Keys_match_ignoring_case_spaces_underscores_and_hyphens(string key)
    {
        var rendered = Sms("Hello ((First name))", $$"""{"{{key}}": "Ada"}""");

        Assert.Equal("Hello Ada", rendered.Body);
        Assert.Empty(rendered.MissingPlaceholders);
    }

    [Fact]
    public void Missing_placeholders_are_listed_once_each_in_template_order()
    {
        var rendered = TemplateRenderer.Render(
            TemplateType.Email, "((ref)) for ((name))", "Dear ((name)), ((date)) ((Ref))", Personalisation.From("""{"date": "today"}"""));

        Assert.Equal(["ref", "name"], rendered.MissingPlaceholders);
    }

    [Fact]
    public void Null_personalisation_reports_every_placeholder_missing()
    {
        var rendered = TemplateRenderer.Render(TemplateType.Sms, null, "((a)) ((b??x))", null);

        Assert.Equal(["a", "b"], rendered.MissingPlaceholders);
    }

    [Fact]
    public void Json_null_counts_as_missing_as_in_notify()
    {
        var rendered = Sms("Hello ((name))", """{"name": null}""");

        Assert.Equal(["name"], rendered.MissingPlaceholders);
    }

    [Fact]
    public void Extra_keys_are_ignored()
    {
        var rendered = Sms("Hello ((name))", """{"name": "Ada", "unused": "x", "other": [1, 2]}""");

        Assert.Equal("Hello Ada", rendered.Body);
        Assert.Empty(rendered.MissingPlaceholders);
    }

    [Fact]
    public void Numbers_render_as_written_and_booleans_as_notify_prints_them()
    {
        var rendered = Sms("((a)) ((b)) ((c)) ((d))", """{"a": 42, "b": 1.50, "c": true, "d": false}""");

        Assert.Equal("42 1.50 True False", rendered.Body);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("Y")]
    [InlineData("TRUE")]
    [InlineData("t")]
    [InlineData("1")]
    [InlineData("Include")]
    [InlineData("show")]
    public void Conditional_text_shows_for_yes_values(string value)
    {
        var rendered = Sms("Hello.((car??Bring your licence.))", $$"""{"car": "{{value}}"}""");

        Assert.Equal("Hello.Bring your licence.", rendered.Body);
    }

    [Theory]
    [InlineData("\"no\"")]
    [InlineData("\"\"")]
    [InlineData("\"yes please\"")]
    [InlineData("0")]
    [InlineData("false")]
    public void Conditional_text_is_hidden_for_other_values(string json)
    {
        var rendered = Sms("Hello.((car??Bring your licence.))", $$"""{"car": {{json}}}""");

        Assert.Equal("Hello.", rendered.Body);
        Assert.Empty(rendered.MissingPlaceholders);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    public void Conditional_text_shows_for_json_true_and_one(string json)
    {
        var rendered = Sms("((car??Bring your licence.))", $$"""{"car": {{json}}}""");

        Assert.Equal("Bring your licence.", rendered.Body);
    }

    [Theory]
    [InlineData("""["eggs"]""", "Buy eggs")]
    [InlineData("""["eggs", "milk"]""", "Buy eggs and milk")]
    [InlineData("""["eggs", "milk", "bread"]""", "Buy eggs, milk and bread")]
    [InlineData("""[" eggs ", null, "", 3]""", "Buy eggs and 3")]
    [InlineData("""[]""", "Buy")]
    public void Sms_renders_a_list_as_prose(string list, string expected)
    {
        var rendered = Sms("Buy ((items))", $$"""{"items": {{list}}}""");

        Assert.Equal(expected, rendered.Body);
    }

    [Fact]
    public void Email_subject_renders_a_list_as_prose_on_one_line()
    {
        var rendered = TemplateRenderer.Render(
            TemplateType.Email, "  Your\n ((items))\u00a0order ", "Body", Personalisation.From("""{"items": ["tea", "cake"]}"""));

        Assert.Equal("Your tea and cake order", rendered.Subject);
    }

    [Fact]
    public void Sms_gets_the_prefix_when_one_is_set()
    {
        var rendered = Sms("Your code is ((code))", """{"code": "123456"}""", prefix: " Tax office ");

        Assert.Equal("Tax office: Your code is 123456", rendered.Body);
    }

    [Fact]
    public void Sms_has_no_prefix_when_none_is_set()
    {
        Assert.Equal("Hi", Sms("Hi", "{}", prefix: null).Body);
        Assert.Equal("Hi", Sms("Hi", "{}", prefix: "  ").Body);
    }

    [Fact]
    public void Sms_whitespace_is_normalised_as_notify_does()
    {
        var rendered = Sms(
            "  Hello   ((name)) ,\r\n\r\n\r\n\r\nyour\u200b code\u00a0is ((code)) .  \n",
            """{"name": "Ada", "code": "12"}""");

        Assert.Equal("Hello Ada,\n\nyour code is 12.", rendered.Body);
        Assert.Null(rendered.Html);
        Assert.Null(rendered.PlainText);
        Assert.Null(rendered.Subject);
    }

    [Fact]
    public void Sms_keeps_characters_outside_gsm7()
    {
        var rendered = Sms("Helo ((name)) 😀", """{"name": "Siân ŵ"}""");

        Assert.Equal("Helo Siân ŵ 😀", rendered.Body);
        Assert.Equal(SmsEncoding.Ucs2, SmsFragments.Measure(rendered.Body).Encoding);
    }

    [Fact]
    public void Missing_placeholder_stays_as_written_in_the_body()
    {
        var rendered = Sms("Hello ((name))", "{}");

        Assert.Equal("Hello ((name))", rendered.Body);
        Assert.Equal(["name"], rendered.MissingPlaceholders);
    }
}
