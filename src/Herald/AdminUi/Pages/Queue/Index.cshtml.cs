using Herald.Queue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Queue;

public sealed class QueueModel(QueueAdministration queue) : PageModel
{
    public IReadOnlyList<QueueKindResponse> Kinds { get; private set; } = [];

    public IReadOnlyList<QueueItemRecord> Dead { get; private set; } = [];

    /// <summary>How many items the last replay made pending again, after the redirect.</summary>
    public int? Replayed { get; private set; }

    public async Task OnGetAsync(int? replayed, CancellationToken cancellationToken)
    {
        Replayed = replayed;
        var counts = await queue.CountAsync(cancellationToken);
        Kinds = [.. counts.GroupBy(c => c.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new QueueKindResponse(
            g.Key, g.Where(c => c.State != QueueItemState.Dead).Sum(c => c.Count), g.Where(c => c.State == QueueItemState.Dead).Sum(c => c.Count)))];
        Dead = await queue.ListDeadAsync(QueueAdministration.DefaultDeadListed, cancellationToken);
    }

    public async Task<IActionResult> OnPostReplayAsync(long? id, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        var replayed = id is { } one ? await queue.ReplayAsync([one], cancellationToken) : 0;
        return RedirectToPage(new { replayed });
    }

    public async Task<IActionResult> OnPostReplayAllAsync(CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        return RedirectToPage(new { replayed = await queue.ReplayAsync(null, cancellationToken) });
    }
}
