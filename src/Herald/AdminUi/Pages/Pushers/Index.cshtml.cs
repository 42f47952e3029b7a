using Herald.AdminUi.Operations;
using Herald.NotifyFormat;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Pushers;

public sealed class PushersModel(PusherLookup lookup) : PageModel
{
    public string? UserId { get; private set; }

    /// <summary>Null until a user id is searched for.</summary>
    public IReadOnlyList<UserPusher>? Pushers { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(string? user, CancellationToken cancellationToken)
    {
        UserId = user;
        if (string.IsNullOrEmpty(user))
        {
            return;
        }

        try
        {
            Pushers = await lookup.FindAsync(user, cancellationToken);
        }
        catch (NotifyApiException e)
        {
            // Shown with a 200, so that htmx swaps it in while the user types.
            Errors = e.Messages;
        }
    }
}
