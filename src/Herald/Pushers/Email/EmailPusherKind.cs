using Herald.Recipients;

namespace Herald.Pushers.Email;

/// <summary>An email pusher registration: the pushkey is the address the digests go to; <c>data.brand</c>, if given, a string.</summary>
internal sealed class EmailPusherKind : IPusherKind
{
    public string Kind => PusherKinds.Email;

    public Task<IReadOnlyList<string>> ValidateAsync(PusherRegistration registration, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (!EmailAddressValidator.Validate(registration.Pushkey).IsValid)
        {
            errors.Add("pushkey is not a valid email address");
        }

        // Read where each digest's subject is made; anything but a string would be ignored there without a word.
        if (registration.Data["brand"] is { } brand && PusherUrls.StringField(registration.Data, "brand") is null)
        {
            errors.Add($"data.brand {brand.ToJsonString()} is not of type string");
        }

        return Task.FromResult<IReadOnlyList<string>>(errors);
    }
}
