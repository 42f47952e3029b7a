using Herald.Storage;

namespace Herald.Tests.Corpus;

/// <summary>The corpus's Herald per backend, started at its first use and shared by every route's test.</summary>
public sealed class CorpusFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<DatabaseProvider, CorpusWorld> _worlds = [];

    public async Task<CorpusWorld> WorldAsync(DatabaseProvider provider)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_worlds.TryGetValue(provider, out var world))
            {
                world = await CorpusWorld.StartAsync(provider);
                _worlds[provider] = world;
            }

            return world;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var world in _worlds.Values)
        {
            await world.DisposeAsync();
        }

        _gate.Dispose();
    }
}
