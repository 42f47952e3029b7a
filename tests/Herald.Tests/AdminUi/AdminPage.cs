using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Herald.Tests.Fixtures;
using Microsoft.Playwright;

namespace Herald.Tests.AdminUi;

/// <summary>
/// A signed-in browser tab on a Herald: navigation, the accessibility check (axe-core, WCAG 2.1 A
/// and AA rules) and screenshots saved under <c>artifacts/screenshots</c>.
/// </summary>
public sealed class AdminPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private AdminPage(IBrowserContext context, IPage page, HeraldApp app)
    {
        _context = context;
        Page = page;
        App = app;
    }

    public IPage Page { get; }

    public HeraldApp App { get; }

    public static async Task<AdminPage> OpenAsync(BrowserFixture browser, HeraldApp app, int width = 1280)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return new AdminPage(context, await context.NewPageAsync(), app);
    }

    public async Task SignInAsync(string email, string password)
    {
        await Page.GotoAsync("/admin/sign-in");
        await Page.GetByLabel("Email address").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The address, polled: waiting for the navigation's load event missed a redirect that had already finished on a busy machine.
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("^(?!.*/sign-in)"), new() { Timeout = 30_000 });
    }

    public async Task<IResponse> GoAsync(string path)
    {
        var response = await Page.GotoAsync(path) ?? throw new InvalidOperationException($"no response for {path}");
        Assert.True(response.Ok, $"{path} answered {response.Status}");
        return response;
    }

    /// <summary>
    /// No WCAG 2.1 A or AA violation on the page as it is now. Frames are left out: Herald's only
    /// frames are sandboxed previews of a service's own email, without scripts, where axe's
    /// evaluation would wait for ever (and the content is the service's, not the UI's). Bounded,
    /// so that a check that cannot finish fails the test instead of stalling the run.
    /// </summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            Iframes = false,
        }).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.Violations.Length == 0, $"{Page.Url}: " + string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    public async Task ScreenshotAsync(string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}-{App.Database.Target.Provider.ToString().ToLowerInvariant()}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Herald.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Herald.slnx not found above the test binaries");
    }
}
