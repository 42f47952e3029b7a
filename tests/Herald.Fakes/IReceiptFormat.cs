namespace Herald.Fakes;

/// <summary>One provider's receipts: which statuses a message goes through, and the request that reports one.</summary>
internal interface IReceiptFormat
{
    /// <summary>The statuses reported for a message ending in <paramref name="finalStatus"/>, earliest first.</summary>
    IReadOnlyList<string> Statuses(string finalStatus);

    /// <summary>Notes that the message reached the status (e.g. Mailgun's event log), whether or not a receipt goes out.</summary>
    void Reached(FakeMessage message, string status);

    /// <summary>The receipt for the message and status, under <paramref name="reference"/> (an unknown one for stray receipts).</summary>
    HttpRequestMessage Build(FakeMessage message, string status, string reference, string url);
}
