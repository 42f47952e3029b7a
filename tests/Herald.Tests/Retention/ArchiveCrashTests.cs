using System.Text;
using Herald.Notifications;
using Herald.Retention;
using Herald.Services;
using Herald.Settings;
using Herald.Storage;
using Herald.Templates;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Herald.Tests.Retention;

/// <summary>A worker process SIGKILLed in the middle of the nightly archive leaves every notification in exactly one table, and the next run finishes the job.</summary>
public sealed class ArchiveCrashTests(ITestOutputHelper output)
{
    private const int Seeded = 20_000;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_archive_killed_mid_run_moves_whole_batches_and_the_next_run_carries_on(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await app.CreateReadyServiceAsync();
        var old = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-30);
        var ids = new HashSet<Guid>();
        var db = app.Services.GetRequiredService<HeraldDatabase>();
        foreach (var chunk in Enumerable.Range(0, Seeded).Chunk(5_000))
        {
            await using var context = db.CreateContext();
            var rows = chunk.Select(i => new NotificationRecord
            {
                Id = Guid.NewGuid(), ServiceId = service.Id, TemplateId = service.SmsTemplateId, TemplateVersion = 1, KeyType = KeyType.Normal, Type = TemplateType.Sms,
                To = "07700900123", NormalisedTo = "447700900123", Status = NotificationStatus.Delivered, Body = "b", CreatedAt = old.AddSeconds(i),
            }).ToList();
            ids.UnionWith(rows.Select(r => r.Id));
            context.Notifications.AddRange(rows);
            await context.SaveChangesAsync();
        }

        // Small batches, and the archive due every second: the victim is mid-run for a good while.
        var environment = new Dictionary<string, string>
        {
            ["HERALD_RETENTION__BATCHSIZE"] = "10",
            ["HERALD_KEYRING__KEY"] = HeraldApp.KeyRingKey,
            ["HERALD_PERIODIC__SCHEDULES__notifications.archive"] = "* * * * * *",
        };
        var directory = Directory.CreateTempSubdirectory("herald-archive-crash-");
        var victimOutput = new StringBuilder();
        using var victim = HeraldProcess.Start(
            HeraldProcess.TestWorkerDll, ["--database", database.DatabaseArgument, "--record", Path.Combine(directory.FullName, "record.txt")], victimOutput, environment);
        try
        {
            await Eventually.TrueAsync(async () => await HistoryCountAsync(db) >= 500, "the victim has archived 500 notifications", TimeSpan.FromSeconds(90));
            victim.Kill();
            await victim.WaitForExitAsync();
        }
        catch
        {
            output.WriteLine($"victim output:\n{victimOutput}");
            throw;
        }
        finally
        {
            if (!victim.HasExited)
            {
                victim.Kill();
            }
        }

        var (hot, history) = await IdsAsync(db);
        output.WriteLine($"killed the archive with {hot.Count} notifications left and {history.Count} in history");
        Assert.True(hot.Count > 0, "the archive had finished before the kill; the test proved nothing");
        Assert.Empty(hot.Intersect(history));
        Assert.Equal(ids, hot.Union(history).ToHashSet());

        await app.Services.GetRequiredService<NotificationArchiver>().ArchiveAsync(CancellationToken.None);
        (hot, history) = await IdsAsync(db);
        Assert.Empty(hot);
        Assert.Equal(ids, history.ToHashSet());
    }

    private static async Task<int> HistoryCountAsync(HeraldDatabase db)
    {
        await using var context = db.CreateContext();
        return await context.NotificationHistory.CountAsync();
    }

    private static async Task<(List<Guid> Hot, List<Guid> History)> IdsAsync(HeraldDatabase db)
    {
        await using var context = db.CreateContext();
        return (await context.Notifications.Select(n => n.Id).ToListAsync(), await context.NotificationHistory.Select(n => n.Id).ToListAsync());
    }
}
