namespace Herald.Fakes;

/// <summary>One call a provider fake received, as it arrived, and the status it was answered with.</summary>
public sealed class FakeRequest
{
    public required string Provider { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string Query { get; init; }

    /// <summary>The Authorization header, empty when there was none.</summary>
    public required string Authorization { get; init; }

    /// <summary>Form fields (form or multipart bodies); empty for other bodies.</summary>
    public required IReadOnlyDictionary<string, string> Form { get; init; }

    /// <summary>The body when it was not a form (JSON), otherwise empty.</summary>
    public required string Body { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The status code answered; null while the call is still being answered.</summary>
    public int? StatusCode { get; set; }
}
