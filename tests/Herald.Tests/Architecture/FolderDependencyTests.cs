using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Herald.Hosting;

namespace Herald.Tests.Architecture;

/// <summary>
/// The top-level folders of <c>src/Herald</c> (one namespace each) in dependency order, lowest
/// first: a folder may use the folders of lower layers only. docs/architecture.md says what each
/// holds. A new folder must be given its place here.
/// </summary>
public sealed class FolderDependencyTests
{
    private static readonly string[][] Layers =
    [
        ["NotifyFormat", "Settings"],
        ["Storage"],
        ["Admin"],
        ["Queue"],
        ["Outbound", "Recipients", "Secrets"],
        ["Services"],
        ["Auth", "Templates", "Limits"],
        ["Notifications"],
        ["Callbacks", "Idempotency"],
        ["Providers"],
        ["Receipts"],
        ["Retention", "Search"],
        ["Facts"],
        ["Analytics"],
        ["Integrations", "Delivery"],
        ["Api", "Pushers"],
        ["Jobs"],
        ["Observability", "AdminUi", "Reference"],
        ["Hosting"],
        ["Cli"],
    ];

    private static readonly Lazy<IReadOnlyList<(string From, string To, string Example)>> Edges = new(() => FolderEdges(typeof(HeraldHost).Assembly));

    [Fact]
    public void Every_folder_has_a_layer()
    {
        var placed = Layers.SelectMany(l => l).ToHashSet(StringComparer.Ordinal);
        var folders = typeof(HeraldHost).Assembly.GetTypes().Select(t => Folder(t.Namespace)).OfType<string>().Distinct();
        Assert.Empty(folders.Where(f => !placed.Contains(f)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_folder_uses_a_higher_or_equal_layer()
    {
        Assert.Empty(Violations(Edges.Value));
    }

    /// <summary>
    /// The source too: a constant or <c>nameof</c> from a higher folder leaves no trace in the
    /// compiled code, and a <c>using</c> of one invites the next real use.
    /// </summary>
    [Fact]
    public void No_source_file_imports_a_higher_or_equal_layer()
    {
        var source = Path.Combine(RepositoryRoot(), "src", "Herald");
        var imports = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f)
                .Where(line => line.StartsWith("using Herald.", StringComparison.Ordinal))
                .Select(line => (From: Path.GetRelativePath(source, f).Split(Path.DirectorySeparatorChar)[0], To: Folder(line["using ".Length..].TrimEnd(';'))!, Example: Path.GetRelativePath(source, f))))
            .Where(i => i.From != i.To);
        Assert.Empty(Violations(imports));
    }

    [Fact]
    public void The_folders_have_no_cycle()
    {
        Assert.Empty(FoldersInCycles(Edges.Value));
    }

    [Fact]
    public void A_wrong_import_is_caught()
    {
        // Storage reaching up to the queue, as HeraldDatabase once did.
        var edges = Edges.Value.Append(("Storage", "Queue", "HeraldDatabase->QueueSignal")).ToList();
        Assert.Equal(["Storage -> Queue (HeraldDatabase->QueueSignal)"], Violations(edges));
        Assert.Equal(["Admin", "Queue", "Storage"], FoldersInCycles(edges)); // the queue uses Admin, which uses Storage
    }

    private static List<string> Violations(IEnumerable<(string From, string To, string Example)> edges)
    {
        var layer = Layers.SelectMany((folders, i) => folders.Select(f => (f, i))).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        return [.. edges.Where(e => layer.TryGetValue(e.From, out var from) && layer.TryGetValue(e.To, out var to) && to >= from)
            .Select(e => $"{e.From} -> {e.To} ({e.Example})").Order(StringComparer.Ordinal)];
    }

    /// <summary>The folders that sit in some cycle of the dependency graph (Tarjan's strongly connected components).</summary>
    private static List<string> FoldersInCycles(IReadOnlyCollection<(string From, string To, string Example)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().ToList(), StringComparer.Ordinal);
        var nodes = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var inCycles = new List<string>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    inCycles.AddRange(component);
                }
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return [.. inCycles.Order(StringComparer.Ordinal)];
    }

    /// <summary>Folder-to-folder uses found in the compiled code, each with one example of a type using another.</summary>
    private static List<(string From, string To, string Example)> FolderEdges(System.Reflection.Assembly assembly)
    {
        var architecture = new ArchLoader().LoadAssemblies(assembly).Build();
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in architecture.Types)
        {
            if (Folder(type.Namespace?.FullName) is not { } from)
            {
                continue;
            }

            // A generic parameter is no use of another folder (the loader names some after the
            // first type that declares one).
            foreach (var dependency in type.Dependencies.Where(d => d.Target is not GenericParameter))
            {
                if (Folder(dependency.Target.Namespace?.FullName) is { } to && to != from)
                {
                    edges.TryAdd((from, to), $"{type.Name}->{dependency.Target.Name}");
                }
            }
        }

        return [.. edges.Select(e => (e.Key.Item1, e.Key.Item2, e.Value))];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Herald.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Herald.slnx not found above the test binaries");
    }

    /// <summary><c>Herald.Providers.Instances</c> → <c>Providers</c>; null outside Herald's own folders.</summary>
    private static string? Folder(string? ns) =>
        ns is not null && ns.StartsWith("Herald.", StringComparison.Ordinal) ? ns.Split('.')[1] : null;
}
