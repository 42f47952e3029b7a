using Microsoft.AspNetCore.Http;

namespace Herald.Fakes;

/// <summary>
/// What every provider endpoint does around its own answer: record the call, apply latency and
/// injected failures (in the provider's error format), then answer and note the status code.
/// </summary>
internal static class FakeEndpoint
{
    public static RequestDelegate Handle(ProviderFake fake, Func<int, IResult> error, Func<HttpContext, FakeRequest, FakeBehaviour, IResult> answer) =>
        async context =>
        {
            fake.CallStarted();
            try
            {
                await HandleAsync(fake, error, answer, context);
            }
            finally
            {
                fake.CallFinished();
            }
        };

    private static async Task HandleAsync(ProviderFake fake, Func<int, IResult> error, Func<HttpContext, FakeRequest, FakeBehaviour, IResult> answer, HttpContext context)
    {
        var behaviour = fake.Behaviour;
        var request = await fake.RecordAsync(context);

        // Noted before the answer leaves, so whoever reads the answer also sees it recorded.
        context.Response.OnStarting(() =>
        {
            request.StatusCode = context.Response.StatusCode;
            return Task.CompletedTask;
        });
        IResult result;
        try
        {
            result = await fake.InjectFaultAsync(behaviour, context.RequestAborted) is { } status ? error(status) : answer(context, request, behaviour);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout): there is no one left to answer. 499 as nginx logs it.
            context.Response.StatusCode = 499;
            request.StatusCode = 499;
            return;
        }

        await result.ExecuteAsync(context);
    }
}
