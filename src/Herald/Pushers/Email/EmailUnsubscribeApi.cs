using System.Net;
using Herald.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers.Email;

/// <summary>
/// The digest's unsubscribe link. GET shows a confirmation (mail scanners follow links, and must
/// not unsubscribe anyone); POST removes the pusher: the button on that page, or a mail client's
/// RFC 8058 one-click request (<c>List-Unsubscribe=One-Click</c>) to the same URL.
/// </summary>
public static class EmailUnsubscribeApi
{
    public const string Path = "/push/email/unsubscribe";

    public static IEndpointRouteBuilder MapEmailUnsubscribe(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Confirm);
        app.MapPost(Path, UnsubscribeAsync).DisableAntiforgery();
        return app;
    }

    private static ContentHttpResult Confirm(string? token, UnsubscribeTokens tokens) =>
        tokens.Read(token) is null
            ? Invalid()
            : Page(200, "Unsubscribe", $"""
                <p>Stop receiving emails about unread messages at this address?</p>
                <form method="post" action="{Path}?token={WebUtility.HtmlEncode(token)}"><button type="submit">Unsubscribe</button></form>
                """);

    private static async Task<ContentHttpResult> UnsubscribeAsync(
        string? token, UnsubscribeTokens tokens, HeraldDatabase database, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (tokens.Read(token) is not { } pusherId)
        {
            return Invalid();
        }

        await using var context = database.CreateContext();
        var removed = await context.Pushers.Where(p => p.Id == pusherId && p.Kind == PusherKinds.Email).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            Log.Unsubscribed(loggers.CreateLogger(typeof(EmailUnsubscribeApi).FullName!), pusherId);
        }

        // Already gone is the same answer: the link did what it says.
        return Page(200, "Unsubscribed", "<p>You will no longer receive these emails.</p>");
    }

    private static ContentHttpResult Invalid() =>
        Page(400, "Link not valid", "<p>This unsubscribe link is not valid. Use the link from the most recent email.</p>");

    private static ContentHttpResult Page(int status, string title, string body) => TypedResults.Content($"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>
        <body style="font-family:Helvetica,Arial,sans-serif;max-width:480px;margin:48px auto;padding:0 16px;"><h1>{title}</h1>
        {body}
        </body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
