using Herald.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Corpus;

/// <summary>A route joins the bad-input corpus by being listed in <see cref="CorpusRoutes"/>: one that is not fails here.</summary>
public sealed class CorpusCoverageTests(CorpusFixture fixture) : IClassFixture<CorpusFixture>
{
    [Fact]
    public async Task Every_mapped_route_under_the_corpus_prefixes_is_in_the_corpus_and_every_corpus_route_is_mapped()
    {
        var world = await fixture.WorldAsync(DatabaseProvider.Sqlite);
        var mapped = world.Herald.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } pattern && CorpusRoutes.Prefixes.Any(p => pattern.StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);
        var listed = CorpusRoutes.All.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        Assert.True(mapped.Count > 0, "no mapped routes found");
        var missing = mapped.Except(listed).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "routes without corpus entries (list them in tests/Herald.Tests/Corpus/CorpusRoutes.cs):\n" + string.Join("\n", missing));
        var stale = listed.Except(mapped).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "corpus entries for routes the app no longer maps:\n" + string.Join("\n", stale));
    }
}
