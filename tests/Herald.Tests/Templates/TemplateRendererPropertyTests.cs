using System.Text.Json;
using CsCheck;
using Herald.Templates;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Templates;

/// <summary>Whatever a template and its personalisation hold, rendering answers a result, never an exception.</summary>
public sealed class TemplateRendererPropertyTests
{
    private static readonly string[] Names = ["name", "code", "list", "Name ", "na_me", "x"];

    private static readonly Gen<string> TemplateText = Gen.Frequency(
        (3, RandomInput.AnyText),
        (4, Gen.Frequency(
                (3, RandomInput.AnyText),
                (3, Gen.OneOf(Names).Select(n => $"(({n}))")),
                (2, Gen.Select(Gen.OneOf(Names), RandomInput.AnyText, (n, text) => $"(({n}??{text}))")),
                (2, Gen.OneOf("((", "))", "(((name)))", "((name??", "??))", "* ", "- ", "1. ", "# ", "^ ", "---", "\n\n", "\n", "[link](https://example.org)",
                    "https://example.org/a?b=c", "**", "__", "`", "> ", "\t", "((name))((code))", "=\n")))
            .Array[0, 30].Select(string.Concat)));

    /// <summary>Personalisation as it passes the edge: storable strings, numbers, booleans, nulls and lists.</summary>
    private static readonly Gen<Dictionary<string, JsonElement>> Personalisation = Gen.Select(
            Gen.OneOf(Names).Select(n => n.Trim()),
            Gen.Frequency(
                (5, RandomInput.JsonString(RandomInput.StorableText)),
                (1, Gen.OneOf("1", "1.5", "1e400", "true", "null", "[]", "{}", "[\"a\",\"b\",1,null]", "[[\"nested\"]]"))),
            (name, json) => (name, JsonDocument.Parse(json).RootElement.Clone()))
        .Array[0, 6]
        .Select(pairs => pairs.GroupBy(p => p.name).ToDictionary(g => g.Key, g => g.First().Item2));

    [Fact]
    public void Any_email_template_renders_with_any_personalisation()
    {
        Gen.Select(TemplateText.Null(), TemplateText, Personalisation).Sample(
            (subject, body, personalisation) => Assert.NotNull(TemplateRenderer.Render(TemplateType.Email, subject, body, personalisation).Body), iter: 3_000);
    }

    [Fact]
    public void Any_sms_template_renders_with_any_personalisation_and_prefix()
    {
        Gen.Select(TemplateText, Personalisation, RandomInput.StorableText.Null()).Sample(
            (body, personalisation, prefix) => Assert.NotNull(TemplateRenderer.Render(TemplateType.Sms, null, body, personalisation, new TemplateRenderOptions(prefix)).Body),
            iter: 3_000);
    }

    [Fact]
    public void A_huge_template_renders()
    {
        Gen.Select(RandomInput.Text, Personalisation).Sample(
            (body, personalisation) => Assert.NotNull(TemplateRenderer.Render(TemplateType.Email, body, body, personalisation).Body), iter: 200);
    }
}
