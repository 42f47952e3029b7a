using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Storage;

public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_empty_database_migrates_to_latest_and_a_second_run_is_a_no_op(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var queue = await QueueHarness.CreateAsync(database);
        var migrator = queue.Services.GetRequiredService<DatabaseMigrator>();

        var applied = await migrator.AppliedMigrationsAsync(CancellationToken.None);
        Assert.NotEmpty(applied);
        await using (var context = queue.Database.CreateContext())
        {
            Assert.Equal(context.Database.GetMigrations(), applied);
        }

        Assert.Empty(await migrator.MigrateAsync(CancellationToken.None));
        Assert.Equal(applied, await migrator.AppliedMigrationsAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Processes_starting_together_migrate_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var target = database.Target;
            await using var heraldDatabase = new HeraldDatabase(target);
            var migrator = new DatabaseMigrator(heraldDatabase, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance);
            return await migrator.MigrateAsync(CancellationToken.None);
        })));

        Assert.Single(results, r => r.Count > 0);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_migrate_command_applies_then_reports_nothing_to_do(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var first = await HeraldProcess.RunToEndAsync("migrate", "--database", database.DatabaseArgument);
        var second = await HeraldProcess.RunToEndAsync("migrate", "--database", database.DatabaseArgument);

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"Applied \d+ migration\(s\): \d+_Initial", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("nothing to apply", second.Output, StringComparison.Ordinal);
    }
}
