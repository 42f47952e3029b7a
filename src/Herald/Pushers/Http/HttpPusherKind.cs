using Herald.Callbacks;
using Herald.Outbound;

namespace Herald.Pushers.Http;

/// <summary>
/// An HTTP pusher registration: <c>data.url</c> is a push gateway's notify endpoint (it must end in
/// <c>/_matrix/push/v1/notify</c>) that the outbound policy allows; <c>data.format</c> is absent or <c>event_id_only</c>.
/// </summary>
internal sealed class HttpPusherKind(OutboundUrlPolicy policy) : IPusherKind
{
    public const string NotifyPath = "/_matrix/push/v1/notify";

    public string Kind => PusherKinds.Http;

    public async Task<IReadOnlyList<string>> ValidateAsync(PusherRegistration registration, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var text = PusherUrls.StringField(registration.Data, "url");
        if (text is null)
        {
            errors.Add("data.url is a required property");
        }
        else if (Uri.TryCreate(text, UriKind.Absolute, out var url) && !url.AbsolutePath.EndsWith(NotifyPath, StringComparison.Ordinal))
        {
            errors.Add($"data.url must end in {NotifyPath}");
        }
        else
        {
            await PusherUrls.CheckAsync("data.url", text, httpsOnly: false, policy, errors, cancellationToken);
        }

        if (registration.Data["format"] is { } format && PusherUrls.StringField(registration.Data, "format") != HttpPusherPayloads.EventIdOnly)
        {
            errors.Add($"data.format {format.ToJsonString()} is not one of [{HttpPusherPayloads.EventIdOnly}]");
        }

        return errors;
    }
}
