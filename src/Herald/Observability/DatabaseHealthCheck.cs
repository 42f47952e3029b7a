using Herald.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herald.Observability;

/// <summary>Ready when the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(HeraldDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy(database.Target.Describe());
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
