using Microsoft.AspNetCore.Http;

namespace Herald.Fakes;

/// <summary>
/// One provider's fake: its behaviour (swappable at run time), what it received, the messages it
/// accepted and the receipts it sent. Thread-safe: requests and receipts run concurrently.
/// </summary>
public sealed class ProviderFake
{
    private readonly Lock _lock = new();
    private readonly List<FakeRequest> _requests = [];
    private readonly List<FakeMessage> _messages = [];
    private readonly Dictionary<string, FakeMessage> _messagesById = new(StringComparer.Ordinal);
    private readonly List<FakeReceipt> _receipts = [];
    private readonly Queue<int> _scripted = new();
    private readonly FakeBehaviour _initial;
    private FakeBehaviour _behaviour;
    private int _pendingReceipts;
    private int _calls;
    private int _peakCalls;

    internal ProviderFake(string name, FakeBehaviour behaviour, FakeRandom random, TimeProvider time)
    {
        Name = name;
        _initial = behaviour;
        _behaviour = behaviour;
        Random = random;
        Time = time;
    }

    /// <summary><c>twilio</c>, <c>vonage</c>, <c>mailgun</c> or <c>matrix</c>.</summary>
    public string Name { get; }

    public FakeBehaviour Behaviour
    {
        get => Volatile.Read(ref _behaviour);
        set => Volatile.Write(ref _behaviour, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Every API call received, oldest first (a snapshot).</summary>
    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every message accepted, oldest first (a snapshot).</summary>
    public IReadOnlyList<FakeMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Every receipt sent, in the order sent (a snapshot).</summary>
    public IReadOnlyList<FakeReceipt> Receipts
    {
        get
        {
            lock (_lock)
            {
                return [.. _receipts];
            }
        }
    }

    /// <summary>How many messages were accepted (cheaper than <see cref="Messages"/> for polling).</summary>
    public int MessageCount
    {
        get
        {
            lock (_lock)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>Most API calls being answered at once since the start (or the last reset): how concurrent the client really was.</summary>
    public int PeakConcurrentCalls => Volatile.Read(ref _peakCalls);

    /// <summary>Accepted messages whose receipts have not all been sent yet.</summary>
    public int PendingReceipts => Volatile.Read(ref _pendingReceipts);

    internal FakeRandom Random { get; }

    internal TimeProvider Time { get; }

    /// <summary>Answers the next <paramref name="count"/> API calls with <paramref name="statusCode"/> (in the provider's error format), before any other behaviour.</summary>
    public void FailNext(int count, int statusCode)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _scripted.Enqueue(statusCode);
            }
        }
    }

    /// <summary>Forgets what was received and sent, scripted failures, and restores the initial behaviour.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _requests.Clear();
            _messages.Clear();
            _messagesById.Clear();
            _receipts.Clear();
            _scripted.Clear();
        }

        Behaviour = _initial;
        Volatile.Write(ref _peakCalls, Volatile.Read(ref _calls));
    }

    public FakeMessage? FindMessage(string id)
    {
        lock (_lock)
        {
            return _messagesById.GetValueOrDefault(id);
        }
    }

    internal async Task<FakeRequest> RecordAsync(HttpContext context)
    {
        var request = context.Request;
        IReadOnlyDictionary<string, string> form = new Dictionary<string, string>();
        var body = "";
        if (request.HasFormContentType)
        {
            form = (await request.ReadFormAsync(context.RequestAborted)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        }
        else if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var recorded = new FakeRequest
        {
            Provider = Name,
            Method = request.Method,
            Path = request.Path.Value ?? "",
            Query = request.QueryString.Value ?? "",
            Authorization = request.Headers.Authorization.ToString(),
            Form = form,
            Body = body,
            ReceivedAt = Time.GetUtcNow(),
        };
        lock (_lock)
        {
            _requests.Add(recorded);
        }

        return recorded;
    }

    /// <summary>The status a scripted failure, or the behaviour's error rates, answer this call with; null to answer normally.</summary>
    internal async Task<int?> InjectFaultAsync(FakeBehaviour behaviour, CancellationToken cancellationToken)
    {
        var latency = Random.Between(behaviour.LatencyMin, behaviour.LatencyMax);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, Time, cancellationToken);
        }

        lock (_lock)
        {
            if (_scripted.TryDequeue(out var scripted))
            {
                return scripted;
            }
        }

        var roll = Random.NextDouble();
        if (roll < behaviour.TimeoutRate)
        {
            await Task.Delay(behaviour.HangFor, Time, cancellationToken);
            return 504;
        }

        roll -= behaviour.TimeoutRate;
        if (roll < behaviour.ServerErrorRate)
        {
            return behaviour.ServerErrorStatus;
        }

        roll -= behaviour.ServerErrorRate;
        return roll < behaviour.TooManyRequestsRate ? 429 : null;
    }

    internal void Accept(FakeMessage message)
    {
        lock (_lock)
        {
            _messages.Add(message);
            _messagesById.TryAdd(message.Id, message);
        }
    }

    internal void Sent(FakeReceipt receipt)
    {
        lock (_lock)
        {
            _receipts.Add(receipt);
        }
    }

    internal void CallStarted()
    {
        var calls = Interlocked.Increment(ref _calls);
        int peak;
        while (calls > (peak = Volatile.Read(ref _peakCalls)) && Interlocked.CompareExchange(ref _peakCalls, calls, peak) != peak)
        {
        }
    }

    internal void CallFinished() => Interlocked.Decrement(ref _calls);

    internal void ReceiptsStarted() => Interlocked.Increment(ref _pendingReceipts);

    internal void ReceiptsFinished() => Interlocked.Decrement(ref _pendingReceipts);
}
