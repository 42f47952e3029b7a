using Herald.Pushers.Email;
using Microsoft.AspNetCore.DataProtection;

namespace Herald.Tests.Pushers.Email;

public sealed class UnsubscribeTokensTests
{
    private readonly UnsubscribeTokens _tokens = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void A_token_names_the_pusher_it_was_made_for()
    {
        var pusher = Guid.NewGuid();

        Assert.Equal(pusher, _tokens.Read(_tokens.Create(pusher)));
    }

    [Fact]
    public void An_altered_token_is_refused()
    {
        var token = _tokens.Create(Guid.NewGuid());
        var altered = string.Concat(token.AsSpan(0, 30), token[30] == 'A' ? "B" : "A", token.AsSpan(31));

        Assert.Null(_tokens.Read(altered));
    }

    [Fact]
    public void A_token_from_another_key_ring_is_refused()
    {
        var other = new UnsubscribeTokens(new EphemeralDataProtectionProvider());

        Assert.Null(_tokens.Read(other.Create(Guid.NewGuid())));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a token!")]
    [InlineData("AAAA")]
    public void Garbage_is_refused(string? token) => Assert.Null(_tokens.Read(token));
}
