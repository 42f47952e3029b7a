namespace Herald.Templates;

public static class TemplateRegistration
{
    /// <summary>The template cache and template administration.</summary>
    public static IHostApplicationBuilder AddTemplates(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<TemplateCache>();
        services.AddSingleton<TemplateAdministration>();
        return builder;
    }
}
