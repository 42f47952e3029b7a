using Herald.Services;
using Microsoft.EntityFrameworkCore;
using Herald.Storage;

namespace Herald.Templates;

internal sealed class TemplatesModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        model.Entity<TemplateRecord>(e =>
        {
            e.ToTable("templates");
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(x => new { x.ServiceId, x.Type });
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
        model.Entity<TemplateVersionRecord>(e =>
        {
            e.ToTable("template_versions");
            e.HasKey(x => new { x.TemplateId, x.Version });
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.CreatedBy).HasMaxLength(255);
            e.HasOne<TemplateRecord>().WithMany().HasForeignKey(x => x.TemplateId);
        });
    }
}
