using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using static Herald.Tests.Corpus.CorpusKind;

namespace Herald.Tests.Corpus;

/// <summary>
/// Makes a route's probes from its description: bad credentials of its kind, bad bodies, each
/// body field, path and query value replaced by every bad value of the corpus.
/// </summary>
public static class CorpusProbes
{
    private const int OverLong = 100_000;

    public static IEnumerable<CorpusProbe> For(CorpusRoute route, CorpusWorld world)
    {
        CorpusRequest Passing() => CorpusRequest.Passing(route, world);
        foreach (var (name, credentials) in Credentials(route.Auth, world))
        {
            yield return new CorpusProbe($"credentials: {name}", false, Passing() with { Credentials = credentials });
        }

        if (route.Json is not null)
        {
            foreach (var probe in JsonBodies(route, Passing))
            {
                yield return probe;
            }
        }

        if (route.Form is not null)
        {
            foreach (var probe in FormBodies(route, Passing))
            {
                yield return probe;
            }
        }

        foreach (var field in route.Path)
        {
            // An empty segment or ".." is another route (or none): the router's answer, not this route's.
            foreach (var (name, value, refused) in TextValues().Where(v => v.Value is not ("" or CorpusRequest.PreEscaped + "..")))
            {
                var request = Passing();
                var values = new Dictionary<string, string>(request.PathValues) { [field.Name] = value };
                yield return new CorpusProbe($"path {field.Name}: {name}", !refused(field), request with { PathValues = values })
                {
                    // Kestrel refuses a NUL in the path itself, before any of Herald runs.
                    AnsweredByKestrel = value.Contains('\0', StringComparison.Ordinal) || value.EndsWith("%00", StringComparison.Ordinal),
                };
            }
        }

        foreach (var field in route.Query)
        {
            foreach (var (name, value, refused) in TextValues())
            {
                var request = Passing();
                var query = request.Query.Where(q => q.Key != field.Name).Append(new(field.Name, value)).ToList();
                var search = field.Kind == Uuid && Guid.TryParseExact(value, "D", out _) || field.Kind == Text && value.Length > 1000;
                yield return new CorpusProbe($"query {field.Name}: {name}", !refused(field) || search, request with { Query = query });
            }

            var repeated = Passing();
            yield return new CorpusProbe($"query {field.Name}: given twice", field.Kind is not (Uuid or Integer),
                repeated with { Query = [.. repeated.Query, new(field.Name, repeated.Query.FirstOrDefault(q => q.Key == field.Name).Value ?? "x")] });
        }

        if (route.Method == "GET" || route.Query.Count > 0)
        {
            var request = Passing();
            yield return new CorpusProbe("query: unknown parameter", !route.RefusesUnknownQuery, request with { Query = [.. request.Query, new("colour", "red")] });
            yield return new CorpusProbe("query: unknown parameter with a NUL name", !route.RefusesUnknownQuery,
                request with { Query = [.. request.Query, new(CorpusRequest.PreEscaped + "a%00b", "1")] });
        }
    }

    private static IEnumerable<CorpusProbe> JsonBodies(CorpusRoute route, Func<CorpusRequest> passing)
    {
        foreach (var (name, body) in new (string, byte[])[]
        {
            ("empty", []),
            ("truncated JSON", "{\"a\":"u8.ToArray()),
            ("not JSON", "hello"u8.ToArray()),
            ("an array", "[]"u8.ToArray()),
            ("an array of numbers", "[1,2]"u8.ToArray()),
            ("a number", "42"u8.ToArray()),
            ("a string", "\"text\""u8.ToArray()),
            ("null", "null"u8.ToArray()),
            ("true", "true"u8.ToArray()),
            ("a lone surrogate string", "\"\\ud800\""u8.ToArray()),
            ("arrays nested 100,000 deep", Encoding.ASCII.GetBytes(new string('[', 100_000) + new string(']', 100_000))),
            ("objects nested 10,000 deep", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000))),
            ("bytes that are not UTF-8", [0xFF, 0xFE, 0xFD, 0x00]),
            ("UTF-16", Encoding.Unicode.GetBytes("{\"a\":1}")),
            ("a comment", "/* c */ {}"u8.ToArray()),
        })
        {
            yield return new CorpusProbe($"body: {name}", false, passing() with { RawBody = body });
        }

        var valid = passing();
        yield return new CorpusProbe("body: valid then trailing text", false, valid with { RawBody = [.. CorpusRequest.JsonBytes(valid.Json!), .. "x"u8] });
        yield return new CorpusProbe("body: two documents", false, valid with { RawBody = [.. CorpusRequest.JsonBytes(valid.Json!), .. CorpusRequest.JsonBytes(valid.Json!)] });
        yield return new CorpusProbe("body: an unknown field", !route.RefusesUnknownFields, With(passing(), json => json["colour"] = "red"));
        yield return new CorpusProbe("body: an unknown field named by a lone surrogate", !route.RefusesUnknownFields, With(passing(), json => json[CorpusRequest.HighSurrogate] = 1));
        yield return new CorpusProbe("body: an unknown field named with a NUL", !route.RefusesUnknownFields, With(passing(), json => json["a\0b"] = 1));
        yield return new CorpusProbe("body: an unknown field named with invalid UTF-8", !route.RefusesUnknownFields, With(passing(), json => json[CorpusRequest.InvalidUtf8] = 1));
        yield return new CorpusProbe("body: 4 MiB in an unknown field", !route.RefusesUnknownFields, With(passing(), json => json["padding"] = new string('p', 4 << 20)));
        yield return new CorpusProbe("body: 10,000 unknown fields", !route.RefusesUnknownFields, With(passing(), json =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                json[$"f{i}"] = i;
            }
        }));
        yield return new CorpusProbe("body: sent as a form", false, passing() with { RawBody = "a=1"u8.ToArray(), RawContentType = "application/x-www-form-urlencoded" });

        foreach (var field in route.Fields)
        {
            foreach (var (name, value, refused) in JsonValues())
            {
                var request = passing();
                var original = Find(request.Json!, field.Name);
                if (value(original) is not { } replacement)
                {
                    continue;
                }

                yield return new CorpusProbe($"field {field.Name}: {name}", !refused(field), With(request, json => Set(json, field.Name, replacement.Value)));
            }
        }
    }

    private static IEnumerable<CorpusProbe> FormBodies(CorpusRoute route, Func<CorpusRequest> passing)
    {
        yield return new CorpusProbe("body: empty form", false, passing() with { Form = new Dictionary<string, string>() });
        yield return new CorpusProbe("body: JSON, not a form", false, passing() with { RawBody = "{\"a\":1}"u8.ToArray() });
        yield return new CorpusProbe("body: broken multipart", false, passing() with { RawBody = "--x\r\nbroken"u8.ToArray(), RawContentType = "multipart/form-data; boundary=x" });
        yield return new CorpusProbe("body: multipart without a boundary", false, passing() with { RawBody = "a=1"u8.ToArray(), RawContentType = "multipart/form-data" });
        yield return new CorpusProbe("body: 5 MiB in one value", false, FormWith(passing(), "padding", new string('p', 5 << 20)));
        yield return new CorpusProbe("body: 10,000 fields", false, FormWithMany(passing(), 10_000));
        yield return new CorpusProbe("body: an unknown field", !route.RefusesUnknownFields, FormWith(passing(), "colour", "red"));
        yield return new CorpusProbe("body: a field named with a NUL", false, FormWith(passing(), "a\0b", "1"));
        foreach (var field in route.Fields)
        {
            foreach (var (name, value, refused) in TextValues())
            {
                yield return new CorpusProbe($"field {field.Name}: {name}", !refused(field), FormWith(passing(), field.Name, value));
            }

            yield return new CorpusProbe($"field {field.Name}: 100,000 characters", field.Kind == LongText, FormWith(passing(), field.Name, new string('a', OverLong)));
            var without = passing();
            yield return new CorpusProbe($"field {field.Name}: missing", field.Optional,
                without with { Form = without.Form!.Where(f => f.Key != field.Name).ToDictionary(f => f.Key, f => f.Value) });
        }
    }

    private static CorpusRequest FormWith(CorpusRequest request, string name, string value) =>
        request with { Form = new Dictionary<string, string>(request.Form!) { [name] = value } };

    private static CorpusRequest FormWithMany(CorpusRequest request, int count)
    {
        var form = new Dictionary<string, string>(request.Form!);
        for (var i = 0; i < count; i++)
        {
            form[$"f{i}"] = "1";
        }

        return request with { Form = form };
    }

    private static CorpusRequest With(CorpusRequest request, Action<JsonObject> change)
    {
        change(request.Json!);
        return request;
    }

    /// <summary>
    /// The bad values of a JSON field: each with whether a field of a kind must refuse it. A value
    /// from the original (padded with spaces) is made only where the original is a string.
    /// </summary>
    private static IEnumerable<(string Name, Func<JsonNode?, Replacement?> Value, Func<CorpusValue, bool> Refused)> JsonValues()
    {
        static Func<JsonNode?, Replacement?> Fixed(Func<JsonNode?> make) => _ => new Replacement(make());
        yield return ("null", Fixed(() => null), v => !v.Optional && v.Kind != Any);
        yield return ("zero", Fixed(() => 0), v => v.Kind is not (Integer or Any));
        yield return ("minus one", Fixed(() => -1), v => v.Kind is not (Integer or Any));
        yield return ("a fraction", Fixed(() => 1.5), v => v.Kind is not Any);
        yield return ("1e400, beyond a double", Fixed(() => CorpusRequest.Raw("1e400")), v => v.Kind is not Any);
        yield return ("an integer of 30 digits", Fixed(() => CorpusRequest.Raw("123456789012345678901234567890")), v => v.Kind is not Any);
        yield return ("true", Fixed(() => true), v => v.Kind is not (Bool or Any));
        yield return ("an empty array", Fixed(() => new JsonArray()), v => v.Kind is not (Sequence or Any));
        yield return ("an array of a string", Fixed(() => new JsonArray("x")), v => v.Kind is not (Sequence or Any));
        yield return ("an empty object", Fixed(() => new JsonObject()), v => v.Kind is not (Map or Any));
        yield return ("an object", Fixed(() => new JsonObject { ["a"] = "b" }), v => v.Kind is not (Map or Any));
        yield return ("an empty string", Fixed(() => ""), v => v.Kind is not (Text or LongText or Any));
        yield return ("a word", Fixed(() => "not-a-uuid"), v => v.Kind is not (Text or LongText or Any));
        yield return ("a lone high surrogate", Fixed(() => CorpusRequest.HighSurrogate), _ => true);
        yield return ("a lone low surrogate", Fixed(() => CorpusRequest.LowSurrogate), _ => true);
        yield return ("a NUL", Fixed(() => "a\0b"), _ => true);
        yield return ("invalid UTF-8", Fixed(() => CorpusRequest.InvalidUtf8), _ => true);
        yield return ("control characters", Fixed(() => "a\u0001\u001b\u007f\u0085b"), v => v.Kind is not (Text or LongText or Any));
        yield return ("100,000 characters", Fixed(() => new string('a', OverLong)), v => v.Kind is not (LongText or Any));
        yield return ("100,000 emoji", Fixed(() => string.Concat(Enumerable.Repeat("\U0001F600", OverLong))), v => v.Kind is not (LongText or Any));
        yield return ("arrays nested 1,000 deep", Fixed(() => CorpusRequest.Raw(new string('[', 1000) + new string(']', 1000))), _ => true);
        yield return ("an object with a key that is a lone surrogate", Fixed(() => new JsonObject { [CorpusRequest.HighSurrogate] = 1 }), _ => true);
        yield return ("an object with a NUL value", Fixed(() => new JsonObject { ["a"] = "\0" }), _ => true);
        yield return ("its value padded with 800 spaces", original => original is JsonValue value && value.TryGetValue<string>(out var text)
            ? new Replacement(new string(' ', 800) + text + new string(' ', 800)) : null,
            _ => false);
    }

    /// <summary>The bad values of a path, query or form value.</summary>
    private static IEnumerable<(string Name, string Value, Func<CorpusValue, bool> Refused)> TextValues()
    {
        static bool Strict(CorpusValue v) => v.Kind is Uuid or Word or Integer or Bool;
        yield return ("empty", "", v => Strict(v) && !v.Optional);
        yield return ("a word", "not-a-uuid", Strict);
        yield return ("a NUL", "a\0b", _ => true);
        yield return ("an encoded NUL only", CorpusRequest.PreEscaped + "%00", _ => true);
        yield return ("invalid UTF-8", CorpusRequest.InvalidUtf8, Strict);
        yield return ("an encoded lone surrogate", CorpusRequest.HighSurrogate, Strict);
        yield return ("an encoded lone low surrogate", CorpusRequest.LowSurrogate, Strict);
        yield return ("an over-long encoding of NUL", CorpusRequest.PreEscaped + "%C0%80", Strict);
        yield return ("a stray percent", CorpusRequest.PreEscaped + "%ZZ%", Strict);
        yield return ("control characters", "a\u0001\u001b\u007fb", Strict);
        yield return ("5,000 characters", new string('a', 5000), v => v.Kind is not LongText);
        yield return ("the nil UUID", "00000000-0000-0000-0000-000000000000", Strict);
        yield return ("a random UUID", Guid.NewGuid().ToString(), Strict);
        yield return ("a UUID in braces", "{" + Guid.NewGuid() + "}", Strict);
        yield return ("a UUID without dashes", Guid.NewGuid().ToString("N"), Strict);
        yield return ("minus one", "-1", v => v.Kind is Uuid or Word or Integer or Bool);
        yield return ("30 digits", "123456789012345678901234567890", Strict);
        yield return ("a space", " ", v => v.Kind is Uuid or Integer or Bool);
        yield return ("an encoded slash", CorpusRequest.PreEscaped + "a%2Fb", Strict);
        yield return ("dot dot", CorpusRequest.PreEscaped + "..", Strict);
    }

    private static IEnumerable<(string Name, CorpusCredentials Credentials)> Credentials(CorpusAuth auth, CorpusWorld world)
    {
        switch (auth)
        {
            case CorpusAuth.NotifyKey:
                foreach (var probe in NotifyTokens(world))
                {
                    yield return probe;
                }

                break;
            case CorpusAuth.AdminToken:
                foreach (var (name, header) in new (string, string?)[]
                {
                    ("none", null),
                    ("scheme only", "Bearer"),
                    ("scheme and a space", "Bearer "),
                    ("wrong token", "Bearer wrong-admin-token-0123456789"),
                    ("token with one more character", $"Bearer {Fixtures.HeraldApp.AdminToken}x"),
                    ("token less one character", $"Bearer {Fixtures.HeraldApp.AdminToken[..^1]}"),
                    ("Basic scheme", "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("admin:" + Fixtures.HeraldApp.AdminToken))),
                    ("Token scheme", $"Token {Fixtures.HeraldApp.AdminToken}"),
                    ("10,000 characters", "Bearer " + new string('a', 10_000)),
                    ("non-ASCII", "Bearer é€"),
                    ("an API key's token", "Bearer " + Herald.Cli.NotifyTokenSigner.Sign(world.Service.Key, TimeProvider.System.GetUtcNow())),
                    ("a user's revoked token", "Bearer " + world.RevokedUserToken),
                    ("a user's token less one character", "Bearer " + world.RevokedUserToken[..^1]),
                })
                {
                    yield return ($"admin {name}", new CorpusCredentials(header));
                }

                break;
            case CorpusAuth.TwilioSignature:
                yield return ("no signature", new CorpusCredentials(null, TwilioSignature: ""));
                yield return ("wrong signature", new CorpusCredentials(null, TwilioSignature: "c2lnbmF0dXJl"));
                yield return ("not base64", new CorpusCredentials(null, TwilioSignature: "!!!"));
                yield return ("signed with another token", new CorpusCredentials(null, TwilioToken: "another-twilio-auth-token"));
                yield return ("non-ASCII signature", new CorpusCredentials(null, TwilioSignature: "é€"));
                break;
            case CorpusAuth.VonageToken:
                yield return ("no token", new CorpusCredentials(null));
                yield return ("wrong token", new CorpusCredentials(null, VonageQueryToken: "wrong-vonage-webhook-token"));
                yield return ("empty token", new CorpusCredentials(null, VonageQueryToken: ""));
                yield return ("token with a NUL", new CorpusCredentials(null, VonageQueryToken: CorpusWorld.VonageWebhookToken + "\0"));
                yield return ("token as invalid UTF-8", new CorpusCredentials(null, VonageQueryToken: CorpusRequest.InvalidUtf8));
                yield return ("token of 5,000 characters", new CorpusCredentials(null, VonageQueryToken: new string('a', 5000)));
                yield return ("Basic with the wrong password", new CorpusCredentials("Basic " + Convert.ToBase64String("vonage:wrong"u8)));
                yield return ("Basic that is not base64", new CorpusCredentials("Basic !!!"));
                yield return ("Basic without a colon", new CorpusCredentials("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(CorpusWorld.VonageWebhookToken))));
                yield return ("Basic of invalid UTF-8", new CorpusCredentials("Basic " + Convert.ToBase64String([0x76, 0x3A, 0xC3, 0x28])));
                break;
            case CorpusAuth.MailgunSignature:
                // Mailgun signs inside the body: its credential probes are field probes of "signature".
                break;
        }
    }

    private static IEnumerable<(string Name, CorpusCredentials Credentials)> NotifyTokens(CorpusWorld world)
    {
        var key = world.Service.Key;
        var secret = key[^36..];
        var serviceId = key[^73..^37];
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        const string header = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";
        string Payload(string iat) => $"{{\"iss\":\"{serviceId}\",\"iat\":{iat}}}";
        var valid = Payload(now.ToString(System.Globalization.CultureInfo.InvariantCulture));
        CorpusCredentials Bearer(string token) => new("Bearer " + token);
        CorpusCredentials Signed(string headerJson, string payloadJson, string withSecret) => Bearer(Jwt(headerJson, payloadJson, withSecret));

        yield return ("none", new CorpusCredentials(null));
        yield return ("scheme only", Bearer(""));
        yield return ("Basic scheme", new CorpusCredentials("Basic " + Convert.ToBase64String("user:pass"u8)));
        yield return ("Token scheme", new CorpusCredentials("Token " + Jwt(header, valid, secret)));
        yield return ("no scheme", new CorpusCredentials(Jwt(header, valid, secret)));
        yield return ("not a JWT", Bearer("not-a-jwt"));
        yield return ("two parts", Bearer("a.b"));
        yield return ("four parts", Bearer("a.b.c.d"));
        yield return ("not base64url", Bearer("!!!.@@@.###"));
        yield return ("header an array", Bearer("W10.eyJpc3MiOiJ4In0.AAAA"));
        yield return ("header a number", Signed("42", valid, secret));
        yield return ("payload a number", Signed(header, "42", secret));
        yield return ("payload a string", Signed(header, "\"s\"", secret));
        yield return ("payload an array", Signed(header, "[1]", secret));
        yield return ("payload null", Signed(header, "null", secret));
        yield return ("payload not JSON", Signed(header, "{", secret));
        yield return ("payload invalid UTF-8", Bearer(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header)) + "." + Base64Url.EncodeToString([0x7B, 0xC3, 0x28, 0x7D]) + ".AAAA"));
        yield return ("alg none", Bearer(Base64Url.EncodeToString("{\"alg\":\"none\"}"u8) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(valid)) + "."));
        yield return ("alg HS512", Signed("{\"typ\":\"JWT\",\"alg\":\"HS512\"}", valid, secret));
        yield return ("alg a number", Signed("{\"alg\":1}", valid, secret));
        yield return ("no alg", Signed("{\"typ\":\"JWT\"}", valid, secret));
        yield return ("no iss", Signed(header, $"{{\"iat\":{now}}}", secret));
        yield return ("iss a number", Signed(header, $"{{\"iss\":1,\"iat\":{now}}}", secret));
        yield return ("iss not a UUID", Signed(header, $"{{\"iss\":\"x\",\"iat\":{now}}}", secret));
        yield return ("iss with a lone surrogate", Signed(header, $"{{\"iss\":\"\\ud800\",\"iat\":{now}}}", secret));
        yield return ("iss an unknown service", Signed(header, $"{{\"iss\":\"{Guid.NewGuid()}\",\"iat\":{now}}}", secret));
        yield return ("no iat", Signed(header, $"{{\"iss\":\"{serviceId}\"}}", secret));
        yield return ("iat a string", Signed(header, Payload($"\"{now}\""), secret));
        yield return ("iat an hour ago", Signed(header, Payload((now - 3600).ToString(System.Globalization.CultureInfo.InvariantCulture)), secret));
        yield return ("iat in an hour", Signed(header, Payload((now + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture)), secret));
        yield return ("iat 1e15", Signed(header, Payload("1e15"), secret));
        yield return ("iat -1e15", Signed(header, Payload("-1e15"), secret));
        yield return ("iat 1e400", Signed(header, Payload("1e400"), secret));
        yield return ("iat of 30 digits", Signed(header, Payload("123456789012345678901234567890"), secret));
        yield return ("signed with the wrong key", Signed(header, valid, Guid.NewGuid().ToString()));
        yield return ("signed with another service's key", Signed(header, valid, world.OtherServiceKey[^36..]));
        yield return ("signed with a revoked key", Bearer(Herald.Cli.NotifyTokenSigner.Sign(world.RevokedKey, TimeProvider.System.GetUtcNow())));
        yield return ("signature cut short", Bearer(Jwt(header, valid, secret)[..^4]));
        yield return ("signature empty", Bearer(Jwt(header, valid, secret).Split('.') is var p ? $"{p[0]}.{p[1]}." : ""));
        yield return ("10,000 characters", Bearer(new string('a', 10_000)));
        yield return ("non-ASCII", Bearer("é€.é€.é€"));
    }

    private static string Jwt(string header, string payload, string secret)
    {
        var signed = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";
        return $"{signed}.{Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signed)))}";
    }

    private static JsonNode? Find(JsonObject json, string path)
    {
        JsonNode? node = json;
        foreach (var part in path.Split('.'))
        {
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) => a[i],
                _ => null,
            };
        }

        return node;
    }

    private static void Set(JsonObject json, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var parent = Find(json, string.Join('.', parts[..^1])) ?? json;
        if (parts.Length == 1)
        {
            parent = json;
        }

        switch (parent)
        {
            case JsonObject o:
                o[parts[^1]] = value;
                break;
            case JsonArray a:
                a[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
                break;
        }
    }

    private sealed record Replacement(JsonNode? Value);
}
