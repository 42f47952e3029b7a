namespace Herald.Fakes;

/// <summary>One seeded <see cref="Random"/> shared by every fake; locked, since requests arrive concurrently.</summary>
public sealed class FakeRandom(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    public double NextDouble()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }

    public TimeSpan Between(TimeSpan min, TimeSpan max) =>
        max <= min ? min : min + ((max - min) * NextDouble());

    /// <summary>Random hex digits, upper case, for provider ids.</summary>
    public string Hex(int length)
    {
        var bytes = new byte[(length + 1) / 2];
        lock (_lock)
        {
            _random.NextBytes(bytes);
        }

        return Convert.ToHexString(bytes)[..length];
    }
}
