namespace Herald.Pushers.Email;

/// <summary>The pool's processor for <c>email</c> pushers: one digest pass a step, waiting on the throttle's timer in between.</summary>
internal sealed class EmailPusherProcessor(EmailPusher pusher) : IPusherProcessor
{
    public string Kind => PusherKinds.Email;

    public async Task<PusherStep> RunAsync(PusherRun run, CancellationToken cancellationToken)
    {
        var pass = await pusher.ProcessAsync(run.PusherId, cancellationToken);
        return pass.Outcome switch
        {
            EmailPassOutcome.Sent => PusherStep.Continue,

            // New events and receipts wake the loop sooner: a receipt may leave nothing to mail.
            EmailPassOutcome.Waiting => PusherStep.Wait(pass.At),
            EmailPassOutcome.Failed => PusherStep.Sleep(pass.At),
            EmailPassOutcome.Gone => PusherStep.Stop,
            _ => PusherStep.Idle,
        };
    }
}
