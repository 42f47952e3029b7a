namespace Herald.NotifyFormat;

/// <summary>
/// The JSON a route reads itself with <see cref="RequestJson"/>, named for the API reference.
/// Routes do not say <c>Accepts&lt;T&gt;()</c>: routing matches that metadata against the request's
/// content type and answers a bare 415 before the handler can refuse the body in Notify's format.
/// </summary>
public sealed record JsonBodyShape(Type Type);

public static class JsonBodyShapeExtensions
{
    /// <summary>Documents the route's JSON body as <typeparamref name="T"/>; changes nothing it accepts.</summary>
    public static RouteHandlerBuilder ReadsJson<T>(this RouteHandlerBuilder builder) => builder.WithMetadata(new JsonBodyShape(typeof(T)));
}
