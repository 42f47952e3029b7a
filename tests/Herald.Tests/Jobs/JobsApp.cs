using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Herald.Jobs;
using Herald.Notifications;
using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Jobs;

/// <summary>The jobs tests' intent methods over a <see cref="HeraldApp"/>.</summary>
internal static class JobsApp
{
    public static string JobsPath(Guid serviceId) => $"/admin/api/services/{serviceId}/jobs";

    public static Task<HttpResponseMessage> UploadAsync(this HeraldApp app, Guid serviceId, Guid templateId, string csv, string? scheduledFor = null) =>
        app.Admin.PostAsJsonAsync(JobsPath(serviceId), new { template_id = templateId, csv, scheduled_for = scheduledFor, name = "people.csv" });

    public static Task<HttpResponseMessage> UploadFileAsync(this HeraldApp app, Guid serviceId, Guid templateId, byte[] file, string fileName = "people.csv", string? scheduledFor = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(templateId.ToString()), "template_id" },
            { new ByteArrayContent(file), "file", fileName },
        };
        if (scheduledFor is not null)
        {
            form.Add(new StringContent(scheduledFor), "scheduled_for");
        }

        return app.Admin.PostAsync(JobsPath(serviceId), form);
    }

    public static async Task<Guid> UploadOkAsync(this HeraldApp app, Guid serviceId, Guid templateId, string csv, string? scheduledFor = null) =>
        (await HeraldApp.ExpectAsync(await app.UploadAsync(serviceId, templateId, csv, scheduledFor), 201)).GetProperty("id").GetGuid();

    public static async Task<JsonElement> JobAsync(this HeraldApp app, Guid serviceId, Guid jobId) =>
        await HeraldApp.ExpectAsync(await app.Admin.GetAsync(new Uri($"{JobsPath(serviceId)}/{jobId}", UriKind.Relative)), 200);

    public static async Task<string> StatusAsync(this HeraldApp app, Guid serviceId, Guid jobId) =>
        (await app.JobAsync(serviceId, jobId)).GetProperty("status").GetString()!;

    public static async Task WaitForStatusAsync(this HeraldApp app, Guid serviceId, Guid jobId, string status) =>
        await Eventually.TrueAsync(async () => await app.StatusAsync(serviceId, jobId) == status, $"job {jobId} {status}", TimeSpan.FromSeconds(60));

    public static Task<HttpResponseMessage> CancelAsync(this HeraldApp app, Guid serviceId, Guid jobId) =>
        app.Admin.PostAsync(new Uri($"{JobsPath(serviceId)}/{jobId}/cancel", UriKind.Relative), null);

    /// <summary>The job's notifications' row numbers, each as often as it was made.</summary>
    public static async Task<List<int>> RowNumbersAsync(this HeraldApp app, Guid jobId)
    {
        await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.Notifications.Where(n => n.JobId == jobId).Select(n => n.JobRowNumber!.Value).OrderBy(r => r).ToListAsync();
    }

    public static async Task<int> DeliveryItemsAsync(this HeraldApp app, Guid jobId)
    {
        await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        var ids = (await context.Notifications.Where(n => n.JobId == jobId).Select(n => n.Id).ToListAsync()).Select(id => id.ToString()).ToList();
        return await context.QueueItems.CountAsync(q => (q.Kind == DeliveryItem.EmailKind || q.Kind == DeliveryItem.SmsKind) && ids.Contains(q.Reference!));
    }

    public static async Task<int> JobItemsAsync(this HeraldApp app, Guid jobId)
    {
        await using var context = app.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.QueueItems.CountAsync(q => q.Kind == JobProcessor.KindName && q.Reference == jobId.ToString());
    }

    public static string EmailRows(int count, Func<int, string>? address = null)
    {
        var csv = new StringBuilder("email address,name,code\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(address?.Invoke(i) ?? $"person{i}@example.org").Append(",Person ").Append(i).Append(',').Append(1000 + i).Append('\n');
        }

        return csv.ToString();
    }
}
