using Herald.Pushers.Email;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Pushers.Email;

public sealed class DigestTemplatesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "herald-tests", Guid.NewGuid().ToString("N"));
    private readonly CapturedLogs _logs = new();

    [Fact]
    public void The_built_in_templates_show_every_room_and_message_and_the_unsubscribe_link()
    {
        var (html, text) = Templates(null).Render(Digest("Alice", "See you at 10"));

        Assert.Contains("Project X", html);
        Assert.Contains("See you at 10", html);
        Assert.Contains("href=\"https://herald.example/push/email/unsubscribe?token=abc\"", html);
        Assert.Contains("== Project X ==", text);
        Assert.Contains("Alice (2026-11-23 09:00 UTC):", text);
        Assert.Contains("See you at 10", text);
        Assert.Contains("Unsubscribe: https://herald.example/push/email/unsubscribe?token=abc", text);
    }

    [Fact]
    public void User_content_is_html_encoded_in_the_html_and_left_as_is_in_the_text()
    {
        var (html, text) = Templates(null).Render(Digest("<b>Mallory</b>", "<script>alert(1)</script> & more"));

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>Mallory", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", html);
        Assert.Contains("<script>alert(1)</script> & more", text);
    }

    [Fact]
    public void A_template_in_the_operators_directory_replaces_the_built_in_one_of_that_name_only()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, DigestTemplates.TextName), "Custom: {% for room in rooms %}{{ room.name }}{% endfor %} / {{ app_name }}");

        var (html, text) = Templates(_directory).Render(Digest("Alice", "hello"));

        Assert.Equal("Custom: Project X / App", text);
        Assert.Contains("<!DOCTYPE html>", html);
        Assert.Contains("hello", html);
        Assert.Contains(_logs.Lines, l => l.Contains(DigestTemplates.TextName, StringComparison.Ordinal) && l.Contains(_directory, StringComparison.Ordinal));
    }

    [Fact]
    public void An_operators_html_template_is_html_encoded_too()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, DigestTemplates.HtmlName), "<p>{{ rooms[0].messages[0].body }}</p>");

        var (html, _) = Templates(_directory).Render(Digest("Alice", "<img src=x onerror=alert(1)>"));

        Assert.Equal("<p>&lt;img src=x onerror=alert(1)&gt;</p>", html);
    }

    [Fact]
    public void A_configured_directory_that_does_not_exist_falls_back_to_the_built_in_templates_with_a_warning()
    {
        var missing = Path.Combine(_directory, "not-there");

        var (_, text) = Templates(missing).Render(Digest("Alice", "hello"));

        Assert.Contains("== Project X ==", text);
        Assert.Contains(_logs.Lines, l => l.Contains(missing, StringComparison.Ordinal) && l.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void An_operators_template_that_does_not_parse_is_refused_with_its_path()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, DigestTemplates.HtmlName), "{% for room in rooms %}never closed");

        var error = Assert.Throws<InvalidOperationException>(() => Templates(_directory));

        Assert.Contains(DigestTemplates.HtmlName, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private DigestTemplates Templates(string? directory)
    {
        using var factory = LoggerFactory.Create(b => b.AddProvider(_logs));
        return new DigestTemplates(Options.Create(new EmailPusherOptions { TemplateDirectory = directory }), factory.CreateLogger<DigestTemplates>());
    }

    private static EmailDigest Digest(string sender, string body)
    {
        var message = new UnreadNotification(1, "p1", "Project X", "$e1", "alice", sender, "m.room.message", body, false,
            new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        return DigestBuilder.Build("App", [message], message, "https://herald.example/push/email/unsubscribe?token=abc");
    }
}
