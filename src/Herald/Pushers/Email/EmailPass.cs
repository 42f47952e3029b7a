namespace Herald.Pushers.Email;

/// <summary>What one pass of an email pusher did, and when the next is due (<see cref="At"/>, for <c>Waiting</c> and <c>Failed</c>).</summary>
public readonly record struct EmailPass(EmailPassOutcome Outcome, DateTimeOffset At = default)
{
    public static EmailPass Idle => new(EmailPassOutcome.Idle);

    public static EmailPass Sent => new(EmailPassOutcome.Sent);

    public static EmailPass Gone => new(EmailPassOutcome.Gone);
}
