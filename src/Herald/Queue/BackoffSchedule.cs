using System.Globalization;

namespace Herald.Queue;

/// <summary>
/// The delays between tries of one kind, written as a comma-separated list where <c>N*D</c>
/// repeats a delay: <c>"0s,48*5m"</c> is one immediate retry then 48 retries five minutes apart.
/// Units: <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>. An empty schedule means no retries.
/// </summary>
public sealed class BackoffSchedule
{
    private BackoffSchedule(IReadOnlyList<TimeSpan> delays, string text)
    {
        Delays = delays;
        Text = text;
    }

    public IReadOnlyList<TimeSpan> Delays { get; }

    public string Text { get; }

    /// <summary>Tries in all: the first plus one per delay.</summary>
    public int MaxAttempts => Delays.Count + 1;

    /// <summary>The delay before the next try after <paramref name="attempts"/> tries, or null when none are left.</summary>
    public TimeSpan? DelayAfter(int attempts) =>
        attempts >= 1 && attempts <= Delays.Count ? Delays[attempts - 1] : null;

    public static BackoffSchedule Parse(string text)
    {
        var delays = new List<TimeSpan>();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var star = raw.IndexOf('*', StringComparison.Ordinal);
            var count = 1;
            var delayText = raw;
            if (star >= 0)
            {
                if (!int.TryParse(raw.AsSpan(0, star), NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > 10_000)
                {
                    throw new FormatException($"Bad repeat count in backoff entry '{raw}'.");
                }

                delayText = raw[(star + 1)..].Trim();
            }

            var delay = ParseDelay(delayText);
            delays.AddRange(Enumerable.Repeat(delay, count));
        }

        return new BackoffSchedule(delays, text);
    }

    private static TimeSpan ParseDelay(string text)
    {
        var unitStart = 0;
        while (unitStart < text.Length && char.IsAsciiDigit(text[unitStart]))
        {
            unitStart++;
        }

        if (unitStart == 0 || !long.TryParse(text.AsSpan(0, unitStart), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"Bad delay '{text}': expected a number and a unit (ms, s, m, h, d).");
        }

        return text[unitStart..] switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            "d" => TimeSpan.FromDays(value),
            _ => throw new FormatException($"Bad delay '{text}': unit must be ms, s, m, h or d."),
        };
    }
}
