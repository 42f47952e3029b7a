namespace Herald.Tests.Corpus;

/// <summary>
/// One bad request. <paramref name="MayAccept"/>: the spoiled part may still be a valid request (a
/// control character in free text, an unknown id where any id is a search), so a 2xx is not a
/// failure; every other probe must be refused with a 4xx and leave every table as it was.
/// </summary>
public sealed record CorpusProbe(string Name, bool MayAccept, CorpusRequest Request)
{
    /// <summary>Refused by the HTTP server before routing, so without Herald's error body.</summary>
    public bool AnsweredByKestrel { get; init; }

    public override string ToString() => Name;
}
