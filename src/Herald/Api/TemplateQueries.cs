using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;
using Herald.NotifyFormat;

namespace Herald.Api;

/// <summary>Reads a service's templates for the public API.</summary>
public sealed class TemplateQueries(HeraldDatabase database)
{
    public async Task<(TemplateRecord Template, TemplateVersionRecord Version)?> FindAsync(Guid serviceId, Guid id, int? version, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var template = await context.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.ServiceId == serviceId, cancellationToken);
        if (template is null)
        {
            return null;
        }

        var wanted = version ?? template.Version;
        var row = await context.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(v => v.TemplateId == id && v.Version == wanted, cancellationToken);
        return row is null ? null : (template, row);
    }

    public async Task<IReadOnlyList<(TemplateRecord Template, TemplateVersionRecord Version)>> ListAsync(Guid serviceId, TemplateType? type, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var query = context.Templates.AsNoTracking().Where(t => t.ServiceId == serviceId && !t.Archived);
        if (type is { } t)
        {
            query = query.Where(x => x.Type == t);
        }

        var rows = await CurrentTemplateVersion.Query(context, query).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Template.Name, StringComparer.Ordinal).Select(r => (r.Template, r.Version))];
    }

    public static TemplateResponse Response(TemplateRecord template, TemplateVersionRecord version) => new(
        template.Id,
        version.Name,
        template.Type.ApiName(),
        ApiTime.Format(template.CreatedAt),
        ApiTime.Format(version.Version > 1 ? version.CreatedAt : null),
        version.CreatedBy,
        version.Version,
        version.Body,
        template.Type == TemplateType.Email ? version.Subject : null,
        TemplatePlaceholders.Find(template.Type == TemplateType.Email ? version.Subject : null, version.Body)
            .ToDictionary(p => p, _ => new PlaceholderInfo(true), StringComparer.Ordinal));
}
