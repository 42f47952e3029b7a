using Herald.Templates;

namespace Herald.Tests.Templates;

public sealed class TemplatePlaceholdersTests
{
    [Fact]
    public void Placeholders_are_listed_in_order_of_first_appearance_subject_first()
    {
        var names = TemplatePlaceholders.Find("Hello ((name))", "Your ref is ((reference)). Bye ((name)), ((date))");

        Assert.Equal(["name", "reference", "date"], names);
    }

    [Fact]
    public void Placeholders_that_match_by_notify_rule_are_listed_once_as_first_written()
    {
        var names = TemplatePlaceholders.Find(null, "((First name)) ((first_name)) ((FIRST-NAME)) ((firstname))");

        Assert.Equal(["First name"], names);
    }

    [Fact]
    public void Conditional_placeholder_is_listed_by_its_name()
    {
        var names = TemplatePlaceholders.Find(null, "((has_car??Bring your licence.)) ((has car))");

        Assert.Equal(["has_car"], names);
    }

    [Fact]
    public void Brackets_around_a_placeholder_are_text()
    {
        var names = TemplatePlaceholders.Find(null, "[Apply](((link))) and (not one) and ((a(b)))");

        Assert.Equal(["link"], names);
    }

    [Fact]
    public void Template_without_placeholders_lists_none()
    {
        Assert.Empty(TemplatePlaceholders.Find("Subject", "Body ( ( x ) )"));
    }
}
