using Herald.AdminUi.Dashboard;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages;

public sealed class IndexModel(DashboardQuery dashboard) : PageModel
{
    public DashboardFigures Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Figures = await dashboard.LoadAsync(cancellationToken);
}
