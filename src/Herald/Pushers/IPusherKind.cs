namespace Herald.Pushers;

/// <summary>
/// What the API accepts for one kind of pusher (<c>http</c>, <c>email</c>, <c>webpush</c>): checks
/// a registration's pushkey and data. Registered with <c>services.AddPusherKind&lt;T&gt;()</c>; a
/// later registration for the same kind replaces an earlier one.
/// </summary>
public interface IPusherKind
{
    string Kind { get; }

    /// <summary>The problems with <paramref name="registration"/>, in Notify's wording; empty when it may be stored.</summary>
    Task<IReadOnlyList<string>> ValidateAsync(PusherRegistration registration, CancellationToken cancellationToken);
}
