using System.Text.Json;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Xunit.Abstractions;

namespace Herald.Tests.Corpus;

/// <summary>
/// Every probe of every route of the corpus (<see cref="CorpusRoutes"/>), on both backends: no 5xx,
/// no stack trace in a body, Notify's error format on <c>/v2</c> and <c>/admin/api</c>, no row
/// added or removed in any table by a refused request, no exception logged.
/// </summary>
public sealed class BadInputCorpusTests(CorpusFixture fixture, ITestOutputHelper output) : IClassFixture<CorpusFixture>
{
    public static TheoryData<DatabaseProvider, string> RoutesOnEachBackend()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var route in CorpusRoutes.All)
            {
                data.Add(provider, route.Key);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesOnEachBackend))]
    public async Task Bad_input_is_refused_cleanly_and_changes_nothing(DatabaseProvider provider, string route)
    {
        var world = await fixture.WorldAsync(provider);
        var failures = new List<string>();
        var probes = 0;
        foreach (var entry in CorpusRoutes.All.Where(r => r.Key == route))
        {
            foreach (var probe in CorpusProbes.For(entry, world))
            {
                probes++;
                if (await RunAsync(world, entry, probe) is { } failure)
                {
                    failures.Add($"{probe.Name}: {failure}");
                }
            }
        }

        output.WriteLine($"{route}: {probes} probes on {provider}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {probes} probes of {route} failed:\n" + string.Join("\n", failures));
    }

    private static async Task<string?> RunAsync(CorpusWorld world, CorpusRoute route, CorpusProbe probe)
    {
        var before = await world.CountRowsAsync();
        var logged = world.Logs.WithExceptions.Count;
        using var request = probe.Request.Build(world);
        using var response = await world.Client.SendAsync(request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var after = await world.CountRowsAsync();
        var changed = after.Where(c => before.GetValueOrDefault(c.Key) != c.Value).Select(c => $"{c.Key} {before.GetValueOrDefault(c.Key)} -> {c.Value}").ToList();
        var problems = new List<string>();
        if (status >= 500)
        {
            problems.Add($"answered {status}");
        }

        if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception:", StringComparison.Ordinal) || body.Contains(".cs:line", StringComparison.Ordinal))
        {
            problems.Add("a stack trace in the body");
        }

        var accepted = status is >= 200 and < 300;
        var dropped = accepted && route.DropsWhatItCannotUse && changed.Count == 0;
        if (accepted && !probe.MayAccept && !dropped)
        {
            problems.Add($"accepted with {status}");
        }

        if (!accepted && changed.Count > 0)
        {
            problems.Add($"refused with {status} but changed rows: {string.Join(", ", changed)}");
        }

        if (status >= 400 && !probe.AnsweredByKestrel && (route.Pattern.StartsWith("/v2", StringComparison.Ordinal) || route.Pattern.StartsWith("/admin/api", StringComparison.Ordinal))
            && NotNotifyError(body, status) is { } format)
        {
            problems.Add($"not Notify's error format ({format})");
        }

        var exceptions = world.Logs.WithExceptions.Skip(logged).Where(e => e.Exception is not null).ToList();
        if (exceptions.Count > 0)
        {
            problems.Add($"logged {exceptions[0].Exception!.GetType().Name}: {exceptions[0].Line}");
        }

        return problems.Count == 0 ? null : $"{string.Join("; ", problems)} [{status}: {Shorten(body)}]";
    }

    /// <summary>What is wrong with an error body as Notify's <c>{"status_code":..., "errors":[{"error":..., "message":...}]}</c>; null when nothing.</summary>
    private static string? NotNotifyError(string body, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status_code", out var code) || code.ValueKind != JsonValueKind.Number)
            {
                return "no status_code";
            }

            if (code.GetInt32() != status)
            {
                return $"status_code {code.GetInt32()}";
            }

            if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
            {
                return "no errors";
            }

            return errors.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object
                && e.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                && e.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String && message.GetString()!.Length > 0)
                ? null : "an error without error or message";
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
