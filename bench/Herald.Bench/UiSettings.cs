namespace Herald.Bench;

/// <param name="Notifications">Rows seeded into <c>notifications</c> before the pages are timed.</param>
/// <param name="Requests">Timed sequential GETs per page, after <see cref="WarmUp"/> unmeasured ones.</param>
/// <param name="Services">Services the notifications are spread across, each with an email and an SMS template and a key.</param>
internal sealed record UiSettings(int Notifications, int Requests, int Services = 5, int WarmUp = 10)
{
    /// <summary>The acceptance: every page answers in less than this at p99.</summary>
    public const double TargetP99Ms = 200;
}
