using Herald.NotifyFormat;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Retention;

/// <summary>Each service's retention per channel: read with the default filled in, and set within 3–90 days.</summary>
public sealed class RetentionAdministration(HeraldDatabase database, IOptions<RetentionOptions> options, TimeProvider time)
{
    public static readonly TemplateType[] Channels = [TemplateType.Email, TemplateType.Sms];

    public async Task<RetentionListResponse> ListAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await RequireServiceAsync(context, serviceId, cancellationToken);
        var set = await context.Retention.AsNoTracking().Where(r => r.ServiceId == serviceId).ToListAsync(cancellationToken);
        return new RetentionListResponse([.. Channels.Select(c => Response(c, set.FirstOrDefault(r => r.Type == c)))]);
    }

    public async Task<RetentionResponse> SetAsync(Guid serviceId, string channel, SetRetentionRequest request, CancellationToken cancellationToken)
    {
        var type = TemplateTypeNames.Parse(channel) ?? throw NotifyApiException.Validation(["channel must be email or sms"]);
        if (request.Days is not { } days || days is < RetentionOptions.MinDays or > RetentionOptions.MaxDays)
        {
            throw NotifyApiException.Validation([$"days must be between {RetentionOptions.MinDays} and {RetentionOptions.MaxDays}"]);
        }

        await using var context = database.CreateContext();
        await RequireServiceAsync(context, serviceId, cancellationToken);
        var record = await context.Retention.FirstOrDefaultAsync(r => r.ServiceId == serviceId && r.Type == type, cancellationToken);
        if (record is null)
        {
            record = new RetentionRecord { ServiceId = serviceId, Type = type };
            context.Retention.Add(record);
        }

        record.Days = days;
        record.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await context.SaveChangesAsync(cancellationToken);
        return Response(type, record);
    }

    /// <summary>Every service's days per channel, the default where none is set: what the nightly archive works from.</summary>
    public async Task<IReadOnlyList<(Guid ServiceId, TemplateType Type, int Days)>> AllAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var services = await context.Services.AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken);
        var set = await context.Retention.AsNoTracking().ToDictionaryAsync(r => (r.ServiceId, r.Type), r => r.Days, cancellationToken);
        return [.. services.SelectMany(s => Channels.Select(c => (s, c, set.GetValueOrDefault((s, c), options.Value.DefaultDays))))];
    }

    private RetentionResponse Response(TemplateType type, RetentionRecord? record) =>
        new(type.ApiName(), record?.Days ?? options.Value.DefaultDays, record is null);

    private static async Task RequireServiceAsync(HeraldDbContext context, Guid serviceId, CancellationToken cancellationToken)
    {
        if (!await context.Services.AnyAsync(s => s.Id == serviceId, cancellationToken))
        {
            throw NotifyApiException.NotFound();
        }
    }
}

/// <param name="IsDefault">True when the service has not set this channel's retention.</param>
public sealed record RetentionResponse(string Channel, int Days, bool IsDefault);

public sealed record RetentionListResponse(IReadOnlyList<RetentionResponse> Data);

public sealed record SetRetentionRequest(int? Days);
