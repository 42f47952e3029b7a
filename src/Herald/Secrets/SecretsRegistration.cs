using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Herald.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Herald.Secrets;

public static class SecretsRegistration
{
    /// <summary>
    /// The Data Protection key ring (in the database, shared by every node), encrypted with a key
    /// kept outside it: the key file, <c>KeyRing:Key</c> or <c>KeyRing:Certificate</c>. It encrypts
    /// API key secrets, provider settings, callback tokens and personalisation.
    /// </summary>
    public static IHostApplicationBuilder AddSecrets(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section);
        services.AddSingleton<KeyEncryptionKeys>();
        services.AddSingleton<KeyRingRotation>();

        // Before Data Protection's own hosted service, which loads the ring at start-up (and is
        // registered after the queue's: the workers start first, as a restarted node should).
        services.AddSingleton<KeyRingStartupCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<KeyRingStartupCheck>());
        var dataProtection = services.AddDataProtection().SetApplicationName("herald").PersistKeysToDbContext<HeraldDbContext>();

        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (!string.IsNullOrWhiteSpace(options.Certificate))
        {
            dataProtection.ProtectKeysWithCertificate(LoadCertificate(options.Certificate, options.CertificatePassword));
        }
        else
        {
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlEncryptor = new KeyRingXmlEncryptor(sp.GetRequiredService<KeyEncryptionKeys>().Current!)));
        }

        return builder;
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            var certificate = path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new KeyRingUnavailableException($"KeyRing:Certificate {path} has no private key: the key ring could not be read back.");
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new KeyRingUnavailableException($"KeyRing:Certificate {path} could not be loaded: {ex.Message}", ex);
        }
    }
}
