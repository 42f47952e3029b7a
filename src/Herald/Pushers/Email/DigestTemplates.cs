using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Microsoft.Extensions.Options;

namespace Herald.Pushers.Email;

/// <summary>
/// The digest's Liquid templates: built into the assembly, each replaceable by a file of the same
/// name in <see cref="EmailPusherOptions.TemplateDirectory"/>. Every value the HTML template prints
/// is HTML-encoded unless the template asks for <c>| raw</c>.
/// </summary>
public sealed class DigestTemplates
{
    public const string HtmlName = "notif_mail.html";
    public const string TextName = "notif_mail.txt";

    private static readonly FluidParser Parser = new();
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly TemplateOptions _options;
    private readonly IFluidTemplate _html;
    private readonly IFluidTemplate _text;

    public DigestTemplates(IOptions<EmailPusherOptions> options, ILogger<DigestTemplates> logger)
    {
        var directory = options.Value.TemplateDirectory;
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            // An operator's directory that is gone (moved, not yet created) must not stop email: the built-in templates serve.
            Log.TemplateDirectoryMissing(logger, directory);
            directory = null;
        }

        _options = new TemplateOptions { MaxSteps = 100_000 };
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        _options.MemberAccessStrategy.Register<EmailDigest>();
        _options.MemberAccessStrategy.Register<DigestRoom>();
        _options.MemberAccessStrategy.Register<DigestMessage>();
        _html = Load(HtmlName, directory, logger);
        _text = Load(TextName, directory, logger);
    }

    /// <summary>The HTML and plain-text bodies of a digest.</summary>
    public (string Html, string Text) Render(EmailDigest digest) =>
        (_html.Render(new TemplateContext(digest, _options), Html), _text.Render(new TemplateContext(digest, _options)));

    private static IFluidTemplate Load(string name, string? directory, ILogger logger)
    {
        string source;
        var path = directory is null ? null : Path.Combine(directory, name);
        if (path is not null && File.Exists(path))
        {
            source = File.ReadAllText(path);
            Log.TemplateOverridden(logger, name, path);
        }
        else
        {
            source = BuiltIn(name);
        }

        return Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Email template {path ?? name} does not parse: {error}");
    }

    /// <summary>The template of that name built into the assembly.</summary>
    public static string BuiltIn(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Herald.Pushers.Email.Templates.{name}")
            ?? throw new InvalidOperationException($"No built-in email template {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
