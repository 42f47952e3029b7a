namespace Herald.Bench;

/// <param name="Emails">Backlog size, and the baseline's message count.</param>
/// <param name="PoolSize">Herald's <c>Providers:Smtp:PoolSize</c>.</param>
/// <param name="Rate">Requests/s of the steady accept+deliver run.</param>
/// <param name="Seconds">Length of the accept+deliver runs.</param>
/// <param name="Connections">Connections of the saturated accept+deliver run.</param>
/// <param name="Herald">Further Herald settings (<c>--set Queue:HandlerConcurrency=128,...</c>).</param>
internal sealed record DeliverySettings(int Emails, int PoolSize, int Rate, int Seconds, int Connections, IReadOnlyDictionary<string, string> Herald);
