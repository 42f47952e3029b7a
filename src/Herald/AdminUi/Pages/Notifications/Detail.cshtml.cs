using Herald.AdminUi.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Notifications;

public sealed class NotificationDetailModel(NotificationDetailQuery details) : PageModel
{
    /// <summary>Null when there is no such notification: the page says so, answered 404.</summary>
    public NotificationDetail? Detail { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Detail = await details.LoadAsync(id, cancellationToken);
        if (Detail is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
