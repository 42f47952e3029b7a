using System.Globalization;
using Herald.AdminUi.Services;
using Herald.Callbacks;
using Herald.Facts;
using Herald.NotifyFormat;
using Herald.Retention;
using Herald.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Services;

public sealed class ServiceModel(
    ServiceAdministration services, CallbackAdministration callbacks, ServicePagesQuery query, RetentionAdministration retention, ServiceStatistics statistics) : PageModel
{
    public static readonly (string Kind, string Label)[] CallbackLabels =
    [
        (CallbackKinds.DeliveryStatus, "Delivery status callback"),
        (CallbackKinds.InboundSms, "Received text messages callback"),
        (CallbackKinds.Complaint, "Complaints callback"),
    ];

    public ServiceResponse Service { get; private set; } = null!;

    public IReadOnlyDictionary<string, ServiceCallbackRecord> Callbacks { get; private set; } = new Dictionary<string, ServiceCallbackRecord>();

    public IReadOnlyList<ServiceRecipientRecord> Recipients { get; private set; } = [];

    public IReadOnlyList<RetentionResponse> Retention { get; private set; } = [];

    /// <summary>The last seven days, archived notifications included.</summary>
    public StatisticsResponse Statistics { get; private set; } = null!;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Saved { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, string? saved, CancellationToken cancellationToken)
    {
        Saved = saved switch
        {
            "settings" => "Settings saved.",
            "callback" => "Callback saved.",
            "recipient" => "Added.",
            "retention" => "Retention saved.",
            _ => null,
        };
        return LoadAsync(id, cancellationToken);
    }

    public Task<IActionResult> OnPostSettingsAsync(
        Guid id, string? name, bool restricted, string? email_from, string? sms_sender, bool sms_prefix, bool allow_international_sms, bool allow_sms_to_landlines,
        string? rate_limit, string? email_daily_limit, string? sms_daily_limit, string? international_sms_daily_limit, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var request = new UpdateServiceRequest(
            name ?? "", restricted, email_from?.Trim() ?? "", sms_sender?.Trim() ?? "",
            Number("rate_limit", rate_limit, errors), Number("email_daily_limit", email_daily_limit, errors), Number("sms_daily_limit", sms_daily_limit, errors),
            Number("international_sms_daily_limit", international_sms_daily_limit, errors), allow_international_sms, allow_sms_to_landlines, sms_prefix);
        return ChangeAsync(id, "settings", errors, ct => services.UpdateServiceAsync(id, request, ct), cancellationToken);
    }

    public Task<IActionResult> OnPostCallbackAsync(Guid id, string? kind, string? url, string? bearer_token, CancellationToken cancellationToken) =>
        ChangeAsync(id, "callback", [], ct => callbacks.SetAsync(id, kind ?? "", new SetCallbackRequest(url, bearer_token), ct), cancellationToken);

    public Task<IActionResult> OnPostRecipientAsync(Guid id, string? kind, string? recipient, CancellationToken cancellationToken)
    {
        var to = recipient?.Trim() ?? "";
        var request = to.Contains('@', StringComparison.Ordinal) ? new AddRecipientRequest(to, null) : new AddRecipientRequest(null, to);
        var listKind = kind == "guest_list" ? ServiceRecipientKind.GuestList : ServiceRecipientKind.TeamMember;
        return ChangeAsync(id, "recipient", [], ct => services.AddRecipientAsync(id, listKind, request, ct), cancellationToken);
    }

    public Task<IActionResult> OnPostRetentionAsync(Guid id, string? channel, string? days, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var number = Number("days", days, errors);
        return ChangeAsync(id, "retention", errors, ct => retention.SetAsync(id, channel ?? "", new SetRetentionRequest(number), ct), cancellationToken);
    }

    private async Task<IActionResult> ChangeAsync<T>(Guid id, string what, List<string> errors, Func<CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        if (!AdminUiAccess.CanEdit(User))
        {
            return Forbid();
        }

        if (errors.Count == 0)
        {
            try
            {
                await change(cancellationToken);
                return Redirect($"/admin/services/{id}?saved={what}");
            }
            catch (NotifyApiException ex) when (ex.StatusCode == 400)
            {
                errors.AddRange(ex.Messages);
            }
            catch (NotifyApiException ex) when (ex.StatusCode == 404)
            {
                return NotFound();
            }
        }

        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(id, cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Service = await services.GetServiceAsync(id, cancellationToken);
        }
        catch (NotifyApiException ex) when (ex.StatusCode == 404)
        {
            return NotFound();
        }

        Callbacks = await query.ListCallbacksAsync(id, cancellationToken);
        Recipients = await query.ListRecipientsAsync(id, cancellationToken);
        Retention = (await retention.ListAsync(id, cancellationToken)).Data;
        Statistics = await statistics.ByChannelAsync(id, 7, cancellationToken);
        return Page();
    }

    private static int? Number(string field, string? text, List<string> errors)
    {
        if (int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add($"{field} must be a whole number");
        return null;
    }
}
