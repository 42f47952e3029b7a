using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Templates;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class TemplateTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<TemplateRecord> Templates => context.Set<TemplateRecord>();

        public DbSet<TemplateVersionRecord> TemplateVersions => context.Set<TemplateVersionRecord>();
    }
}
