using Herald.NotifyFormat;
using Herald.Providers.Capture;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Inbox;

public sealed class InboxModel(InboxAdministration inbox) : PageModel
{
    public const int Shown = 50;

    public string? To { get; private set; }

    public IReadOnlyList<InboxMessage> Messages { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(string? to, CancellationToken cancellationToken)
    {
        To = to;
        try
        {
            Messages = await inbox.InboxAsync(to, Shown, cancellationToken);
        }
        catch (NotifyApiException e)
        {
            Errors = e.Messages;
        }
    }
}
