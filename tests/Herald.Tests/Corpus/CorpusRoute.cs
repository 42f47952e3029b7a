using System.Text.Json.Nodes;

namespace Herald.Tests.Corpus;

/// <summary>How a route authenticates its caller: the corpus sends every bad credential of that kind.</summary>
public enum CorpusAuth
{
    NotifyKey,
    AdminToken,
    MailgunSignature,
    TwilioSignature,
    VonageToken,
}

/// <summary>What a path, query or body value must be: which bad values a route must refuse there.</summary>
public enum CorpusKind
{
    /// <summary>A UUID: anything else is refused.</summary>
    Uuid,

    /// <summary>One of a few names (a type, a status): anything else is refused.</summary>
    Word,

    /// <summary>Free text with a length limit: text that cannot be stored and over-long text are refused.</summary>
    Text,

    /// <summary>Free text without a length limit of its own (a personalisation value, a template body).</summary>
    LongText,

    Integer,
    Bool,

    /// <summary>A JSON object.</summary>
    Map,

    /// <summary>A JSON array.</summary>
    Sequence,

    /// <summary>Any JSON value (a personalisation value, event content): only text that cannot be stored is refused.</summary>
    Any,
}

/// <summary>A value the probes replace: a path or query parameter, a body field (dotted path) or a form field.</summary>
/// <param name="Optional">Null (or absent) is accepted.</param>
public sealed record CorpusValue(string Name, CorpusKind Kind, bool Optional = false);

/// <summary>
/// One route of the bad-input corpus: its method and pattern as the app maps them, how it
/// authenticates, and a request that would pass (each probe spoils one part of it).
/// </summary>
public sealed record CorpusRoute(string Method, string Pattern, CorpusAuth Auth)
{
    /// <summary>A value that passes for each <c>{parameter}</c> of the pattern.</summary>
    public Func<CorpusWorld, IReadOnlyDictionary<string, string>> PathValues { get; init; } = _ => new Dictionary<string, string>();

    public IReadOnlyList<CorpusValue> Path { get; init; } = [];

    /// <summary>A query that passes (unescaped values, the route's token excluded).</summary>
    public Func<CorpusWorld, IReadOnlyDictionary<string, string>> QueryValues { get; init; } = _ => new Dictionary<string, string>();

    public IReadOnlyList<CorpusValue> Query { get; init; } = [];

    /// <summary>Whether a query parameter the route does not know is refused (Notify's list query does).</summary>
    public bool RefusesUnknownQuery { get; init; }

    /// <summary>A JSON body that passes, made afresh for each probe (unique names and ids).</summary>
    public Func<CorpusWorld, JsonObject>? Json { get; init; }

    /// <summary>A form body that passes (Twilio's and Vonage's webhooks).</summary>
    public Func<CorpusWorld, IReadOnlyDictionary<string, string>>? Form { get; init; }

    /// <summary>Body fields the probes replace: dotted paths into <see cref="Json"/>, or names in <see cref="Form"/>.</summary>
    public IReadOnlyList<CorpusValue> Fields { get; init; } = [];

    /// <summary>Whether a body field the route does not know is refused (Notify's schemas are closed; providers' webhooks are not).</summary>
    public bool RefusesUnknownFields { get; init; } = true;

    /// <summary>
    /// Whether the route answers 2xx to what it cannot use and stores nothing (an inbound text for no
    /// service: a provider retries anything else), which counts as a refusal.
    /// </summary>
    public bool DropsWhatItCannotUse { get; init; }

    public string Key => $"{Method} {Pattern}";

    public override string ToString() => Key;
}
