using System.Reflection;
using Herald.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Hosting;

/// <summary>Operators filter and alert on log event ids, so each id names exactly one kind of event.</summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_event_has_an_id_of_its_own()
    {
        var events = typeof(HeraldHost).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .ToList();

        Assert.True(events.Count > 50, $"found only {events.Count} log events; is the attribute still how Herald declares them?");
        var shared = events.GroupBy(e => e.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}").ToList();
        Assert.True(shared.Count == 0, "event ids used more than once:\n" + string.Join("\n", shared));
    }
}
