
namespace Herald.NotifyFormat;

public sealed record NotifyErrorBody(int StatusCode, IReadOnlyList<NotifyErrorItem> Errors);

public sealed record NotifyErrorItem(string Error, string Message);
