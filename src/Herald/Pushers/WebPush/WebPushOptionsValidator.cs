using Microsoft.Extensions.Options;

namespace Herald.Pushers.WebPush;

/// <summary>
/// Nothing configured is valid (web push is simply unavailable); anything configured must be a
/// complete, matching VAPID identity, so a typo fails at start-up rather than at the first push.
/// </summary>
internal sealed class WebPushOptionsValidator : IValidateOptions<WebPushOptions>
{
    public ValidateOptionsResult Validate(string? name, WebPushOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (options.VapidPublicKey.Length == 0 || options.VapidPrivateKey.Length == 0 || options.Subject.Length == 0)
        {
            problems.Add($"{WebPushOptions.Section}:VapidPublicKey, VapidPrivateKey and Subject are all required for web push (generate keys with `herald vapid-keys`).");
        }
        else if (VapidKey.Problem(options.VapidPublicKey, options.VapidPrivateKey) is { } keyProblem)
        {
            problems.Add($"{WebPushOptions.Section}: {keyProblem}");
        }

        if (options.Subject.Length > 0 && !IsContact(options.Subject))
        {
            problems.Add($"{WebPushOptions.Section}:Subject must be a mailto: address or an https URL.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsContact(string subject) =>
        Uri.TryCreate(subject, UriKind.Absolute, out var uri) && ((uri.Scheme == Uri.UriSchemeMailto && subject.Length > "mailto:".Length) || uri.Scheme == Uri.UriSchemeHttps);
}
