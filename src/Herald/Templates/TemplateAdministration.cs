using Herald.NotifyFormat;
using Herald.Services;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Templates;

/// <summary>Templates through the admin API: created, changed (each change a new version) and listed.</summary>
public sealed class TemplateAdministration(HeraldDatabase database, TemplateCache templates, TimeProvider time)
{
    public async Task<AdminTemplateResponse> CreateTemplateAsync(Guid serviceId, CreateTemplateRequest request, CancellationToken cancellationToken)
    {
        await RequireServiceAsync(serviceId, cancellationToken);
        var type = TemplateTypeNames.Parse(request.Type);
        var errors = new List<string>();
        if (type is null)
        {
            errors.Add(request.Type is null ? "type is a required property" : $"type {request.Type} is not one of [email, sms]");
        }

        ValidateContent(type, request.Name, request.Subject, request.Body, errors);
        ServiceAdministration.ThrowIfAny(errors);
        var now = time.GetUtcNow().UtcDateTime;
        var template = new TemplateRecord { Id = Guid.NewGuid(), ServiceId = serviceId, Name = request.Name!, Type = type!.Value, Version = 1, CreatedAt = now };
        var version = new TemplateVersionRecord
        {
            TemplateId = template.Id, Version = 1, Name = template.Name, Subject = type == TemplateType.Email ? request.Subject : null, Body = request.Body!, CreatedAt = now,
        };
        await using var context = database.CreateContext();
        context.Templates.Add(template);
        context.TemplateVersions.Add(version);
        await context.SaveChangesAsync(cancellationToken);
        return Response(template, version);
    }
    public async Task<AdminTemplateResponse> UpdateTemplateAsync(Guid serviceId, Guid templateId, UpdateTemplateRequest request, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var template = await context.Templates.FirstOrDefaultAsync(t => t.Id == templateId && t.ServiceId == serviceId, cancellationToken)
            ?? throw NotifyApiException.NotFound();
        var current = await context.TemplateVersions.AsNoTracking().FirstAsync(v => v.TemplateId == templateId && v.Version == template.Version, cancellationToken);
        var name = request.Name ?? current.Name;
        var subject = request.Subject ?? current.Subject;
        var body = request.Body ?? current.Body;
        var errors = new List<string>();
        ValidateContent(template.Type, name, subject, body, errors);
        ServiceAdministration.ThrowIfAny(errors);
        var now = time.GetUtcNow().UtcDateTime;
        template.Version++;
        template.Name = name;
        template.UpdatedAt = now;
        var version = new TemplateVersionRecord { TemplateId = templateId, Version = template.Version, Name = name, Subject = subject, Body = body, CreatedAt = now };
        context.TemplateVersions.Add(version);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        templates.Invalidate(templateId);
        return Response(template, version);
    }
    public async Task<IReadOnlyList<AdminTemplateResponse>> ListTemplatesAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        await RequireServiceAsync(serviceId, cancellationToken);
        await using var context = database.CreateContext();
        var rows = await CurrentTemplateVersion.Query(context, context.Templates.AsNoTracking().Where(t => t.ServiceId == serviceId))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Template.CreatedAt).Select(r => Response(r.Template, r.Version))];
    }

    private const int MaxSubjectLength = 1000;

    private static void ValidateContent(TemplateType? type, string? name, string? subject, string? body, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name is a required property");
        }
        else if (name.Length > 255)
        {
            errors.Add("name is too long (255 characters at most)");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            errors.Add("body is a required property");
        }

        if (type == TemplateType.Email && string.IsNullOrWhiteSpace(subject))
        {
            errors.Add("subject is a required property for email templates");
        }
        else if (subject is { Length: > MaxSubjectLength })
        {
            errors.Add("subject is too long (1000 characters at most)");
        }
    }

    private static AdminTemplateResponse Response(TemplateRecord t, TemplateVersionRecord v) =>
        new(t.Id, t.ServiceId, v.Name, t.Type.ApiName(), v.Version, v.Subject, v.Body, ApiTime.Format(t.CreatedAt), ApiTime.Format(t.UpdatedAt));

    private async Task RequireServiceAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        if (!await context.Services.AnyAsync(s => s.Id == serviceId, cancellationToken))
        {
            throw NotifyApiException.NotFound();
        }
    }
}
