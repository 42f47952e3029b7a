using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Templates;

/// <summary>A template with the content of its current version.</summary>
public sealed record CurrentTemplateVersion(TemplateRecord Template, TemplateVersionRecord Version)
{
    /// <summary>Each template of <paramref name="templates"/> joined to its current version, read without tracking.</summary>
    public static IQueryable<CurrentTemplateVersion> Query(HeraldDbContext context, IQueryable<TemplateRecord> templates) =>
        templates.Join(
            context.TemplateVersions.AsNoTracking(),
            t => new { t.Id, t.Version },
            v => new { Id = v.TemplateId, v.Version },
            (t, v) => new CurrentTemplateVersion(t, v));
}
