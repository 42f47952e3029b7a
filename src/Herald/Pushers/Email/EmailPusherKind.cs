using Herald.Recipients;

namespace Herald.Pushers.Email;

/// <summary>An email pusher registration: the pushkey is the address the digests go to.</summary>
internal sealed class EmailPusherKind : IPusherKind
{
    public string Kind => PusherKinds.Email;

    public Task<IReadOnlyList<string>> ValidateAsync(PusherRegistration registration, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> errors = EmailAddressValidator.Validate(registration.Pushkey).IsValid
            ? []
            : ["pushkey is not a valid email address"];
        return Task.FromResult(errors);
    }
}
