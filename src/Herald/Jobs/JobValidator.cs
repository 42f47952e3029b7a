using System.Globalization;
using Herald.Api;
using Herald.Auth;
using Herald.NotifyFormat;
using Herald.Services;
using Herald.Templates;

namespace Herald.Jobs;

/// <summary>
/// Checks every row of a job's file with the single send's own rules
/// (<see cref="NotificationSender.ValidateRecipient"/> and <see cref="NotificationSender.Check"/>),
/// so a row is refused with the words the same send would be.
/// </summary>
public sealed class JobValidator(NotificationSender sender)
{
    /// <summary>
    /// An admin upload's rows are sent as by a live key of the service (trial mode applies, team-key
    /// rules do not); a job posted to <c>/v2/notifications/bulk</c> as by the key it came with.
    /// </summary>
    public static ServiceKeySnapshot JobKey(Guid? apiKeyId, KeyType keyType) => new(apiKeyId ?? Guid.Empty, "bulk job", keyType, [], false);

    public static ApiCaller Caller(ServiceSnapshot service, JobRecord job) => new(service, JobKey(job.ApiKeyId, job.KeyType));

    /// <summary>Reads and checks the whole file; throws a 400 for a file that cannot be a job (no header, too many rows).</summary>
    public JobValidation Validate(ApiCaller caller, string csv, TemplateRecord template, TemplateVersionRecord version)
    {
        var service = caller.Service;
        using var file = JobCsv.Open(csv);
        var rows = JobRows.ForHeader(file.Columns, template.Type, template.Id, version);
        var errors = new List<string>();
        var bad = 0;
        var daily = new Dictionary<(string, int), int>();
        while (file.Read())
        {
            if (file.Index >= JobFile.MaxRows)
            {
                throw NotifyApiException.BadRequest(string.Create(CultureInfo.InvariantCulture,
                    $"The file has more than {JobFile.MaxRows:N0} rows: a job can have {JobFile.MaxRows:N0} at most, so split it into several files"));
            }

            var request = rows.Request(file);
            try
            {
                var recipient = sender.ValidateRecipient(service.Service, request);
                var checkedSend = sender.Check(caller, request, recipient, template, version);
                foreach (var check in checkedSend.DailyChecks)
                {
                    daily[(check.Channel, check.Limit)] = daily.GetValueOrDefault((check.Channel, check.Limit)) + 1;
                }
            }
            catch (NotifyApiException refused)
            {
                bad++;
                if (errors.Count < JobFile.MaxListedErrors)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"Row {file.SpreadsheetRow}: {string.Join("; ", refused.Messages)}"));
                }
            }
        }

        if (file.Index < 0)
        {
            throw NotifyApiException.BadRequest("The file has no rows under its header");
        }

        return new JobValidation(file.Index + 1, errors, bad, daily);
    }
}
