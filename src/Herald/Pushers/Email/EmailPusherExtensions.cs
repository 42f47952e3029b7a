namespace Herald.Pushers.Email;

public static class EmailPusherExtensions
{
    /// <summary>The <c>email</c> pusher kind: throttled digests through the configured email provider.</summary>
    public static IHostApplicationBuilder AddEmailPusher(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailPusherOptions>().BindConfiguration(EmailPusherOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Delay >= TimeSpan.Zero && o.RoomThrottle >= TimeSpan.Zero, "Push:Email:Delay and RoomThrottle must not be negative.")
            .Validate(o => o.ResetAfterIdle > TimeSpan.Zero && o.RetryAfterFailure > TimeSpan.Zero, "Push:Email:ResetAfterIdle and RetryAfterFailure must be positive.")
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https", "Push:Email:PublicUrl must be an absolute http(s) URL.")
            .Validate(o => o.AppName.Length > 0, "Push:Email:AppName must not be empty.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DigestTemplates>();
        builder.Services.AddHostedService<EmailTemplatesCheck>();
        builder.Services.AddSingleton<UnsubscribeTokens>();
        builder.Services.AddSingleton<DigestMailer>();
        builder.Services.AddSingleton<EmailPusher>();
        builder.Services.AddPusherProcessor<EmailPusherProcessor>();
        return builder;
    }
}
