using Herald.Hosting;
using Herald.Queue;
using Herald.TestWorker;

// A Herald worker process for crash tests: the real host and queue, plus a handler for kind
// "test.record" that appends each item id to a file when it starts, so a test can count
// exactly which items ran and which ran twice.
//   Herald.TestWorker --database CONN --record FILE [--delay-ms N] [--node-id ID]
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => args[p.i + 1], StringComparer.Ordinal);
var recorder = new RecordingToFileHandler(options["record"], int.Parse(options.GetValueOrDefault("delay-ms", "0"), System.Globalization.CultureInfo.InvariantCulture));
await using var app = HeraldHost.Build(
    new Dictionary<string, string?>
    {
        ["Database"] = options["database"],
        ["Role"] = "worker",
        ["Urls"] = "http://127.0.0.1:0",
        ["Node:Id"] = options.GetValueOrDefault("node-id"),
    },
    services => services.AddSingleton<IQueueHandler>(recorder));
await HeraldHost.RunAsync(app, CancellationToken.None);
