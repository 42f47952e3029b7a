using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Hosting;

public sealed class AdminTokenTests
{
    [Fact]
    public async Task HERALD_ADMIN_TOKEN_sets_the_admin_token()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var output = new System.Text.StringBuilder();
        var port = System.Net.Sockets.TcpListener.Create(0);
        port.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)port.LocalEndpoint).Port}";
        port.Stop();
        using var herald = HeraldProcess.Start(HeraldProcess.HeraldDll, ["serve", "--urls", url, "--database", database.DatabaseArgument, "--role", "api"], output,
            new Dictionary<string, string> { ["HERALD_ADMIN_TOKEN"] = "from-the-environment-123" });
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", "from-the-environment-123");
            HttpResponseMessage? response = null;
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    response = await http.GetAsync(new Uri("/admin/api/services", UriKind.Relative));
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "herald answers");
            Assert.Equal(System.Net.HttpStatusCode.OK, response!.StatusCode);
        }
        finally
        {
            herald.Kill();
            await herald.WaitForExitAsync();
        }
    }
}
