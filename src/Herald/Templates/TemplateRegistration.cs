namespace Herald.Templates;

public static class TemplateRegistration
{
    /// <summary>The template cache.</summary>
    public static IHostApplicationBuilder AddTemplates(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<TemplateCache>();
        return builder;
    }
}
