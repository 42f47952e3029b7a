using Herald.Templates;

namespace Herald.Tests.Templates;

public sealed class EmailRenderingTests
{
    private static RenderedTemplate Email(string body, string json = "{}") =>
        TemplateRenderer.Render(TemplateType.Email, "Subject", body, Personalisation.From(json));

    [Fact]
    public void Insets_nest_eight_deep_and_deeper_markers_are_text_so_a_body_of_carets_cannot_overflow_the_stack()
    {
        // Each "^" opened an inset inside the last, a recursion per level: this body ended the process.
        var rendered = Email(string.Concat(Enumerable.Repeat("^ ", 50_000)) + "deep");

        Assert.Equal(8, CountOf(rendered.Html!, "<blockquote "));
        Assert.Contains("deep", rendered.Html, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(Email("^ outer\n^ ^ inner").Html!, "<blockquote "));
    }

    [Fact]
    public void Paragraphs_split_on_blank_lines_and_single_newlines_are_line_breaks()
    {
        var rendered = Email("Dear Ada,\nthank you.\n\nRegards");

        Assert.Matches(@"^<p style=""[^""]*"">Dear Ada,<br />thank you\.</p>\n<p style=""[^""]*"">Regards</p>$", rendered.Html);
        Assert.Equal("Dear Ada,\nthank you.\n\nRegards\n", rendered.PlainText);
    }

    [Fact]
    public void Heading_renders_as_h2_and_underlined_text()
    {
        var rendered = Email("# Your application\n\nReceived.");

        Assert.Contains(">Your application</h2>", rendered.Html, StringComparison.Ordinal);
        Assert.StartsWith("<h2 ", rendered.Html, StringComparison.Ordinal);
        Assert.Equal($"Your application\n{new string('=', 65)}\n\nReceived.\n", rendered.PlainText);
    }

    [Fact]
    public void Second_level_heading_renders_as_h3_and_deeper_ones_as_paragraphs()
    {
        var rendered = Email("## Next steps\n\n### Small");

        Assert.Contains(">Next steps</h3>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains(">Small</p>", rendered.Html, StringComparison.Ordinal);
        Assert.Equal($"Next steps\n{new string('-', 65)}\n\nSmall\n", rendered.PlainText);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData("•")]
    public void Bulleted_list_renders_as_ul_and_bullets(string marker)
    {
        var rendered = Email($"You need:\n\n{marker} a passport\n{marker} a photo\n\nThanks");

        Assert.Contains("<ul ", rendered.Html, StringComparison.Ordinal);
        Assert.Contains(">a passport</li>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains(">a photo</li>", rendered.Html, StringComparison.Ordinal);
        Assert.Equal("You need:\n\n• a passport\n• a photo\n\nThanks\n", rendered.PlainText);
    }

    [Fact]
    public void Numbered_list_renders_as_ol_and_numbers()
    {
        var rendered = Email("1. Fill in the form\n2. Send it\n3. Wait");

        Assert.StartsWith("<ol ", rendered.Html, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(rendered.Html!, "<li "));
        Assert.Equal("1. Fill in the form\n2. Send it\n3. Wait\n", rendered.PlainText);
    }

    [Fact]
    public void Bulleted_and_numbered_lists_stay_separate()
    {
        var rendered = Email("* tea\n* cake\n\n1. first\n2. second");

        Assert.Matches(@"^<ul [^>]*>\n(<li [^>]*>[a-z]+</li>\n){2}</ul>\n<ol [^>]*>\n(<li [^>]*>[a-z]+</li>\n){2}</ol>$", rendered.Html);
        Assert.Equal("• tea\n• cake\n\n1. first\n2. second\n", rendered.PlainText);
    }

    [Fact]
    public void List_item_continues_over_following_lines()
    {
        var rendered = Email("* tea\nwith milk\n* cake");

        Assert.Contains(">tea<br />with milk</li>", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Inset_text_renders_as_blockquote_and_plain_paragraph()
    {
        var rendered = Email("^ You must bring ID.\n^ Photos are fine.\n\nSee you.");

        Assert.Matches(@"^<blockquote style=""[^""]*"">\n<p style=""[^""]*"">You must bring ID\.<br />Photos are fine\.</p>\n</blockquote>", rendered.Html);
        Assert.Equal("You must bring ID.\nPhotos are fine.\n\nSee you.\n", rendered.PlainText);
    }

    [Fact]
    public void Horizontal_rule_renders_as_hr_and_a_line()
    {
        var rendered = Email("Above\n\n---\n\nBelow");

        Assert.Contains("<hr ", rendered.Html, StringComparison.Ordinal);
        Assert.Equal($"Above\n\n{string.Concat(Enumerable.Repeat("=-", 32))}=\n\nBelow\n", rendered.PlainText);
    }

    [Fact]
    public void Markdown_link_renders_as_anchor_and_text_then_address()
    {
        var rendered = Email("[Apply online](https://example.gov.uk/apply?a=1&b=2)");

        Assert.Contains("href=\"https://example.gov.uk/apply?a=1&amp;b=2\">Apply online</a>", rendered.Html, StringComparison.Ordinal);
        Assert.Equal("Apply online: https://example.gov.uk/apply?a=1&b=2\n", rendered.PlainText);
    }

    [Fact]
    public void Bare_url_becomes_a_link_without_trailing_punctuation()
    {
        var rendered = Email("Go to https://example.com/path_(x). Thanks");

        Assert.Contains("<a style=\"", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/path_(x)\">https://example.com/path_(x)</a>. Thanks", rendered.Html, StringComparison.Ordinal);
        Assert.Equal("Go to https://example.com/path_(x). Thanks\n", rendered.PlainText);
    }

    [Fact]
    public void Url_from_personalisation_becomes_a_link()
    {
        var rendered = Email("Reset: ((link))", """{"link": "https://example.com/reset?t=abc"}""");

        Assert.Contains("href=\"https://example.com/reset?t=abc\"", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholder_inside_link_address_is_substituted()
    {
        var rendered = Email("[Sign in](((url)))", """{"url": "https://example.com/a b\""}""");

        Assert.Contains("href=\"https://example.com/a%20b%22\">Sign in</a>", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_title_is_dropped()
    {
        var rendered = Email("[Apply](https://example.com/apply \"Apply now\")");

        Assert.Contains("href=\"https://example.com/apply\">Apply</a>", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Javascript_links_are_not_rendered_as_links()
    {
        var rendered = Email("[Click](javascript:alert(1))");

        Assert.DoesNotContain("<a ", rendered.Html, StringComparison.Ordinal);
        Assert.Contains(">Click</p>", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Personalisation_is_html_escaped()
    {
        var rendered = Email("Hi ((name))", """{"name": "<script>alert('x')</script> & \"co\""}""");

        Assert.DoesNotContain("<script>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;", rendered.Html, StringComparison.Ordinal);
        Assert.Equal("Hi <script>alert('x')</script> & \"co\"\n", rendered.PlainText);
    }

    [Fact]
    public void Template_html_is_escaped_too()
    {
        var rendered = Email("<b>bold</b>");

        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", rendered.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# Not a heading")]
    [InlineData("* not a list")]
    [InlineData("1. not a list")]
    [InlineData("^ not inset")]
    [InlineData("---")]
    [InlineData("[not](a-page)")]
    public void Markdown_in_personalisation_does_not_create_markup(string value)
    {
        var rendered = Email("((value))", $$"""{"value": "{{value}}"}""");

        Assert.Matches("^<p [^>]*>[^<]*</p>$", rendered.Html);
        Assert.Equal(value + "\n", rendered.PlainText);
    }

    [Fact]
    public void Newlines_in_personalisation_become_line_breaks_but_not_markup()
    {
        var rendered = Email("((address))", """{"address": "1 High St\n# Town"}""");

        Assert.Matches(@"^<p [^>]*>1 High St<br /># Town</p>$", rendered.Html);
    }

    [Fact]
    public void Email_renders_a_list_value_as_a_bullet_list()
    {
        var rendered = Email("You need:\n((items))\n\nThanks", """{"items": ["a <passport>", "* a photo"]}""");

        Assert.Equal("You need:\n\n\n* a <passport>\n* * a photo\n\nThanks", rendered.Body);
        Assert.Contains("<ul ", rendered.Html, StringComparison.Ordinal);
        Assert.Contains(">a &lt;passport&gt;</li>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains(">* a photo</li>", rendered.Html, StringComparison.Ordinal);
        Assert.Equal("You need:\n\n• a <passport>\n• * a photo\n\nThanks\n", rendered.PlainText);
    }

    [Fact]
    public void Conditional_text_in_email_can_hold_markdown()
    {
        var rendered = Email("Hello\n\n((urgent??# Act now))", """{"urgent": "yes"}""");

        Assert.Contains(">Act now</h2>", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_body_is_the_substituted_markdown_source()
    {
        var rendered = Email("# Hi ((name))\n\n* ((thing))", """{"name": "Ada", "thing": "tea"}""");

        Assert.Equal("# Hi Ada\n\n* tea", rendered.Body);
        Assert.Equal("Subject", rendered.Subject);
        Assert.Empty(rendered.MissingPlaceholders);
    }

    private static int CountOf(string text, string value) =>
        (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
