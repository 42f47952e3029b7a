using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Herald.Integrations.Mailgun;
using Herald.Integrations.Twilio;

namespace Herald.Tests.Corpus;

/// <summary>
/// One request of the corpus, as parts a probe replaces: the path's values, the raw query, the body
/// and the credentials. Bad text that no serializer writes travels as markers replaced on the wire:
/// <see cref="Raw"/> (a JSON fragment), <see cref="InvalidUtf8"/>, <see cref="HighSurrogate"/>, <see cref="LowSurrogate"/>.
/// </summary>
public sealed partial record CorpusRequest(
    CorpusRoute Route,
    IReadOnlyDictionary<string, string> PathValues,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    JsonObject? Json,
    IReadOnlyDictionary<string, string>? Form,
    byte[]? RawBody = null,
    string? RawContentType = null,
    CorpusCredentials? Credentials = null)
{
    public const string InvalidUtf8 = "~~INVALID_UTF8~~";
    public const string HighSurrogate = "~~HIGH_SURROGATE~~";
    public const string LowSurrogate = "~~LOW_SURROGATE~~";

    /// <summary>A JSON string value written as the raw JSON fragment it holds.</summary>
    public static JsonNode Raw(string json) => JsonValue.Create($"~~RAW~~{json}~~END~~");

    public static CorpusRequest Passing(CorpusRoute route, CorpusWorld world) => new(
        route,
        route.PathValues(world),
        [.. route.QueryValues(world)],
        route.Json?.Invoke(world),
        route.Form?.Invoke(world));

    public HttpRequestMessage Build(CorpusWorld world)
    {
        var path = RoutePattern().Replace(Route.Pattern, m => Escape(PathValues[m.Groups[1].Value]));
        var query = new List<KeyValuePair<string, string>>(Query);
        if (Route.Auth == CorpusAuth.VonageToken && Credentials is null)
        {
            query.Insert(0, new("token", CorpusWorld.VonageWebhookToken));
        }
        else if (Credentials?.VonageQueryToken is { } token)
        {
            query.Insert(0, new("token", token));
        }

        var target = path + (query.Count == 0 ? "" : "?" + string.Join("&", query.Select(q => $"{Escape(q.Key)}={Escape(q.Value)}")));
        var request = new HttpRequestMessage(new HttpMethod(Route.Method), new Uri(target, UriKind.Relative));
        if (RawBody is not null)
        {
            request.Content = Content(RawBody, RawContentType ?? "application/json");
        }
        else if (Json is not null)
        {
            request.Content = Content(JsonBytes(Json), "application/json");
        }
        else if (Form is not null)
        {
            request.Content = Content(Encoding.ASCII.GetBytes(string.Join("&", Form.Select(f => $"{Escape(f.Key)}={Escape(f.Value)}"))), "application/x-www-form-urlencoded");
        }

        var credentials = Credentials ?? CorpusCredentials.Passing(Route.Auth, world);
        if (credentials.Authorization is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (Route.Auth == CorpusAuth.TwilioSignature && Form is not null)
        {
            var signature = credentials.TwilioSignature
                ?? TwilioSignature.Compute(credentials.TwilioToken ?? CorpusWorld.TwilioAuthToken, world.Herald.BaseUrl + target, Form);
            if (signature.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("X-Twilio-Signature", signature);
            }
        }

        return request;
    }

    /// <summary>Mailgun's signature block for now, valid unless a probe spoils it.</summary>
    public static JsonObject MailgunSignatureBlock(string key = CorpusWorld.MailgunSigningKey)
    {
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var token = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        return new JsonObject { ["timestamp"] = timestamp, ["token"] = token, ["signature"] = MailgunSignature.Compute(key, timestamp, token) };
    }

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] JsonBytes(JsonNode json)
    {
        var text = RawMarker().Replace(json.ToJsonString(Relaxed), m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal))
            .Replace(HighSurrogate, "\\ud800", StringComparison.Ordinal)
            .Replace(LowSurrogate, "x\\udc00", StringComparison.Ordinal);
        return ReplaceInvalidUtf8(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Percent-encodes a path, query or form value, the markers as the bytes they stand for.</summary>
    public static string Escape(string value)
    {
        if (value.StartsWith(PreEscaped, StringComparison.Ordinal))
        {
            return value[PreEscaped.Length..];
        }

        return Uri.EscapeDataString(value)
            .Replace(InvalidUtf8, "a%C3%28b", StringComparison.Ordinal)
            .Replace(HighSurrogate, "%ED%A0%80", StringComparison.Ordinal)
            .Replace(LowSurrogate, "x%ED%B0%80", StringComparison.Ordinal);
    }

    /// <summary>A path, query or form value sent exactly as written after this prefix (already percent-encoded).</summary>
    public const string PreEscaped = "~~ESCAPED~~";

    private static ByteArrayContent Content(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static byte[] ReplaceInvalidUtf8(byte[] bytes)
    {
        var marker = Encoding.ASCII.GetBytes(InvalidUtf8);
        var output = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes.AsSpan(i).StartsWith(marker))
            {
                output.AddRange([(byte)'a', 0xC3, 0x28, (byte)'b']);
                i += marker.Length - 1;
            }
            else
            {
                output.Add(bytes[i]);
            }
        }

        return [.. output];
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex RoutePattern();

    [GeneratedRegex("\"~~RAW~~(.*?)~~END~~\"")]
    private static partial Regex RawMarker();
}

/// <summary>The credentials a probe sends instead of the route's passing ones.</summary>
public sealed record CorpusCredentials(string? Authorization, string? TwilioSignature = null, string? TwilioToken = null, string? VonageQueryToken = null)
{
    public static CorpusCredentials Passing(CorpusAuth auth, CorpusWorld world) => auth switch
    {
        CorpusAuth.NotifyKey => new("Bearer " + Herald.Cli.NotifyTokenSigner.Sign(world.Service.Key, TimeProvider.System.GetUtcNow())),
        CorpusAuth.AdminToken => new("Bearer " + Fixtures.HeraldApp.AdminToken),
        _ => new((string?)null),
    };
}
