namespace Herald.Queue;

/// <summary>A batch of outcomes grouped by what each does to its row; <c>WakeOthers</c> when some item is due again at once.</summary>
internal sealed record QueueOutcomeSplit(
    List<long> Done,
    List<QueueOutcome> Failed,
    List<long> Released,
    bool WakeOthers)
{
    public static QueueOutcomeSplit From(IReadOnlyList<QueueOutcome> outcomes, long nowMs)
    {
        var split = new QueueOutcomeSplit([], [], [], false);
        var wake = false;
        foreach (var outcome in outcomes)
        {
            switch (outcome.Kind)
            {
                case QueueOutcomeKind.Done:
                    split.Done.Add(outcome.Id);
                    break;
                case QueueOutcomeKind.CompletedByHandler:
                    break;
                case QueueOutcomeKind.Released:
                    split.Released.Add(outcome.Id);
                    wake = true;
                    break;
                default:
                    split.Failed.Add(outcome);
                    wake |= outcome.Kind == QueueOutcomeKind.Retry && outcome.RunAt <= nowMs;
                    break;
            }
        }

        return split with { WakeOthers = wake };
    }
}
