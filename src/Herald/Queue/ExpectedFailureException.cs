namespace Herald.Queue;

/// <summary>
/// A failure its handler expects and has classified (a provider's 5xx, a refused connection): the
/// queue logs its message as the reason of the retry, without a stack trace, which would say
/// nothing an operator needs and repeat at every try. Network failures
/// (<see cref="HttpRequestException"/>, <see cref="TimeoutException"/>) are logged the same way;
/// anything else is unexpected and keeps its stack.
/// </summary>
public abstract class ExpectedFailureException(string message, Exception? inner) : Exception(message, inner)
{
    public static bool IsExpected(Exception exception) =>
        exception is ExpectedFailureException or HttpRequestException or TimeoutException;
}
