
namespace Herald.NotifyFormat;

/// <summary>
/// An answer in Notify's error format: <c>{"status_code": N, "errors": [{"error": Type, "message": ...}]}</c>.
/// Thrown by request handling and turned into the response by the Notify API's error handler (<c>Api/NotifyErrorHandler</c>).
/// </summary>
public sealed class NotifyApiException(int statusCode, string error, IReadOnlyList<string> messages) : Exception(string.Join("; ", messages))
{
    public NotifyApiException(int statusCode, string error, string message)
        : this(statusCode, error, [message])
    {
    }

    public int StatusCode { get; } = statusCode;

    public string Error { get; } = error;

    public IReadOnlyList<string> Messages { get; } = messages;

    public static NotifyApiException Validation(IReadOnlyList<string> messages) => new(400, "ValidationError", messages);

    public static NotifyApiException BadRequest(string message) => new(400, "BadRequestError", message);

    public static NotifyApiException NotFound() => new(404, "NoResultFound", "No result found");

    public static NotifyApiException Auth(int statusCode, string message) => new(statusCode, "AuthError", message);
}
