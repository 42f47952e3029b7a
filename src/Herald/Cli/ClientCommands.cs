using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Admin;
using Herald.Retention;

namespace Herald.Cli;

/// <summary>Verbs that drive a running Herald over HTTP: services, templates, keys, inbox, retention, search, send, jobs.</summary>
internal static class ClientCommands
{
    internal static readonly Option<string> Url = new("--url") { Description = "Herald's address.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };

    internal static readonly Option<string?> AdminTokenOption = new("--admin-token")
    {
        Description = "Admin token (default: HERALD_ADMIN_TOKEN, else the data directory's admin-token file).",
    };

    public static IEnumerable<Command> All() => [Services(), Templates(), Keys(), Inbox(), Retention(), Search(), Send(), JobCommands.Jobs()];

    private static Command Services()
    {
        var name = new Option<string>("--name") { Required = true, Description = "Service name." };
        var restricted = new Option<bool>("--restricted") { Description = "Trial mode: only team members and the guest list." };
        var emailFrom = new Option<string?>("--email-from");
        var smsSender = new Option<string?>("--sms-sender");
        var create = new Command("create", "Create a service.") { name, restricted, emailFrom, smsSender, Url, AdminTokenOption, CliOptions.Data };
        create.SetAction((r, ct) => Admin(r, HttpMethod.Post, "admin/api/services", new JsonObject
        {
            ["name"] = r.GetValue(name), ["restricted"] = r.GetValue(restricted), ["email_from"] = r.GetValue(emailFrom), ["sms_sender"] = r.GetValue(smsSender),
        }, ct));
        var list = new Command("list", "List services.") { Url, AdminTokenOption, CliOptions.Data };
        list.SetAction((r, ct) => Admin(r, HttpMethod.Get, "admin/api/services", null, ct));
        return new Command("services", "Manage services.") { create, list };
    }

    private static Command Templates()
    {
        var service = new Option<string>("--service") { Required = true, Description = "Service id." };
        var name = new Option<string>("--name") { Required = true };
        var type = new Option<string>("--type") { Required = true, Description = "email or sms." };
        type.AcceptOnlyFromAmong("email", "sms");
        var subject = new Option<string?>("--subject") { Description = "Email subject." };
        var body = new Option<string>("--body") { Required = true, Description = "Template body with ((placeholders))." };
        var create = new Command("create", "Create a template.") { service, name, type, subject, body, Url, AdminTokenOption, CliOptions.Data };
        create.SetAction((r, ct) => Admin(r, HttpMethod.Post, $"admin/api/services/{r.GetValue(service)}/templates", new JsonObject
        {
            ["name"] = r.GetValue(name), ["type"] = r.GetValue(type), ["subject"] = r.GetValue(subject), ["body"] = r.GetValue(body),
        }, ct));
        return new Command("templates", "Manage templates.") { create };
    }

    private static Command Keys()
    {
        var service = new Option<string>("--service") { Required = true, Description = "Service id." };
        var name = new Option<string>("--name") { Required = true };
        var type = new Option<string>("--type") { Description = "normal (default), team or test.", DefaultValueFactory = _ => "normal" };
        type.AcceptOnlyFromAmong("normal", "team", "test");
        var create = new Command("create", "Create an API key; the key is shown only now.") { service, name, type, Url, AdminTokenOption, CliOptions.Data };
        create.SetAction((r, ct) => Admin(r, HttpMethod.Post, $"admin/api/services/{r.GetValue(service)}/api-keys", new JsonObject
        {
            ["name"] = r.GetValue(name), ["key_type"] = r.GetValue(type),
        }, ct));
        return new Command("keys", "Manage API keys.") { create };
    }

    private static Command Inbox()
    {
        var to = new Option<string?>("--to") { Description = "Only messages to this address or number." };
        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 20 };
        var inbox = new Command("inbox", "Show the capture provider's inbox, newest first.") { to, limit, Url, AdminTokenOption, CliOptions.Data };
        inbox.SetAction((r, ct) =>
        {
            var query = $"admin/api/inbox?limit={r.GetValue(limit)}" + (r.GetValue(to) is { } t ? $"&to={Uri.EscapeDataString(t)}" : "");
            return Admin(r, HttpMethod.Get, query, null, ct);
        });
        return inbox;
    }

    private static Command Search()
    {
        var service = new Option<string>("--service") { Required = true, Description = "Service id." };
        var term = new Argument<string>("term") { Description = "An email address, a phone number, a client reference, or part of one." };
        var type = new Option<string?>("--type") { Description = "email, sms or reference; without it, recipients and references both." };
        type.AcceptOnlyFromAmong("email", "sms", "reference");
        var olderThan = new Option<string?>("--older-than") { Description = "The page after this notification id (links.older of the last page)." };
        var search = new Command("search", "Find a service's notifications by recipient or reference, newest first, 50 at a time.") { term, service, type, olderThan, Url, AdminTokenOption, CliOptions.Data };
        search.SetAction((r, ct) =>
        {
            var query = new Dictionary<string, string?> { ["q"] = r.GetValue(term), ["type"] = r.GetValue(type), ["older_than"] = r.GetValue(olderThan) };
            return Admin(r, HttpMethod.Get, $"admin/api/services/{r.GetValue(service)}/notifications/search{QueryString.Create(query.Where(p => p.Value is not null))}", null, ct);
        });
        return search;
    }

    private static Command Retention()
    {
        var service = new Option<string>("--service") { Required = true, Description = "Service id." };
        var list = new Command("list", "Show how many days a service keeps each channel's notifications.") { service, Url, AdminTokenOption, CliOptions.Data };
        list.SetAction((r, ct) => Admin(r, HttpMethod.Get, $"admin/api/services/{r.GetValue(service)}/retention", null, ct));
        var channel = new Option<string>("--channel") { Required = true, Description = "email or sms." };
        channel.AcceptOnlyFromAmong("email", "sms");
        var days = new Option<int>("--days") { Required = true, Description = "3 to 90." };
        var set = new Command("set", "Set how many days a channel's notifications are kept before they move to history.") { service, channel, days, Url, AdminTokenOption, CliOptions.Data };
        set.SetAction((r, ct) => Admin(r, HttpMethod.Put, $"admin/api/services/{r.GetValue(service)}/retention/{r.GetValue(channel)}", new JsonObject
        {
            ["days"] = r.GetValue(days),
        }, ct));
        var archive = new Command("archive", "Move what is past each service's retention to history now, as the nightly archive does, with progress.")
        {
            Url, AdminTokenOption, CliOptions.Data,
        };
        archive.SetAction(ArchiveNowAsync);
        return new Command("retention", "Manage how long notifications are kept.") { list, set, archive };
    }

    private static Command Send()
    {
        var key = new Option<string>("--key") { Required = true, Description = "API key: {name}-{service_id}-{secret}." };
        var template = new Option<string>("--template") { Required = true, Description = "Template id." };
        var to = new Option<string>("--to") { Required = true, Description = "Email address or phone number." };
        var personalisation = new Option<string[]>("--personalisation") { Description = "key=value, repeatable.", AllowMultipleArgumentsPerToken = true };
        var reference = new Option<string?>("--reference");
        var send = new Command("send", "Send a notification through the public API, as a client would.");
        foreach (var channel in new[] { "email", "sms" })
        {
            var command = new Command(channel, $"Send an {channel}.") { key, template, to, personalisation, reference, Url };
            command.SetAction(async (r, ct) =>
            {
                var values = new JsonObject();
                foreach (var pair in r.GetValue(personalisation) ?? [])
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        await Console.Error.WriteLineAsync($"--personalisation takes key=value, not '{pair}'.");
                        return 2;
                    }

                    values[pair[..eq]] = pair[(eq + 1)..];
                }

                var body = new JsonObject
                {
                    [channel == "email" ? "email_address" : "phone_number"] = r.GetValue(to),
                    ["template_id"] = r.GetValue(template),
                    ["personalisation"] = values,
                };
                if (r.GetValue(reference) is { } reference1)
                {
                    body["reference"] = reference1;
                }

                if (await SignAsync(r.GetValue(key)!) is not { } token)
                {
                    return 2;
                }

                using var client = new HeraldClient(r.GetValue(Url)!, token);
                return await client.SendAsync(HttpMethod.Post, $"v2/notifications/{channel}", body, ct);
            });
            send.Subcommands.Add(command);
        }

        var status = new Command("status", "Read a notification's status.") { key, Url };
        var id = new Argument<string>("id");
        status.Arguments.Add(id);
        status.SetAction(async (r, ct) =>
        {
            if (await SignAsync(r.GetValue(key)!) is not { } token)
            {
                return 2;
            }

            using var client = new HeraldClient(r.GetValue(Url)!, token);
            return await client.SendAsync(HttpMethod.Get, $"v2/notifications/{r.GetValue(id)}", null, ct);
        });
        send.Subcommands.Add(status);
        return send;
    }

    /// <summary>A Notify token for the key, or null after saying why the key is not one.</summary>
    private static async Task<string?> SignAsync(string key)
    {
        try
        {
            return NotifyTokenSigner.Sign(key, TimeProvider.System.GetUtcNow());
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return null;
        }
    }

    internal static async Task<int> Admin(ParseResult result, HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        if (await AdminClientAsync(result, ct) is not { } client)
        {
            return 2;
        }

        using (client)
        {
            return await client.SendAsync(method, path, body, ct);
        }
    }

    /// <summary>A client for the admin API, or null after saying why there is no admin token.</summary>
    internal static async Task<HeraldClient?> AdminClientAsync(ParseResult result, CancellationToken ct)
    {
        var token = result.GetValue(AdminTokenOption) ?? Environment.GetEnvironmentVariable("HERALD_ADMIN_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            var file = Path.Combine(result.GetValue(CliOptions.Data) ?? "herald-data", AdminToken.FileName);
            if (!File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"No admin token: pass --admin-token, set HERALD_ADMIN_TOKEN, or run where {file} exists.");
                return null;
            }

            token = (await File.ReadAllTextAsync(file, ct)).Trim();
        }

        return new HeraldClient(result.GetValue(Url)!, token);
    }

    /// <summary>
    /// <c>herald retention archive</c>: asks the running Herald to archive now (its batches then take
    /// turns with the sends' writes, which matters on SQLite's single writer) and draws the progress
    /// it streams back.
    /// </summary>
    private static async Task<int> ArchiveNowAsync(ParseResult result, CancellationToken ct)
    {
        if (await AdminClientAsync(result, ct) is not { } client)
        {
            return 2;
        }

        using (client)
        {
            ArchiveProgress? progress = null;
            long? archived = null;
            var code = await client.StreamLinesAsync(HttpMethod.Post, "admin/api/retention/archive", line =>
            {
                var progressLine = JsonSerializer.Deserialize(line, RetentionJsonContext.Default.ArchiveProgressLine);
                if (progressLine is { Due: { } due })
                {
                    progress = new ArchiveProgress(due, Console.Error);
                }
                else if (progressLine is { Moved: { } moved, Seconds: { } seconds })
                {
                    progress?.Report(moved, TimeSpan.FromSeconds(seconds));
                }
                else if (progressLine is { Archived: { } total })
                {
                    archived = total;
                }
            }, ct);
            progress?.Finish();
            if (code != 0)
            {
                return code;
            }

            if (archived is not { } moved || progress is null)
            {
                await Console.Error.WriteLineAsync("The archive stopped before it finished; what it moved stays moved, and the next run carries on.");
                return 1;
            }

            await Console.Out.WriteLineAsync(progress.Summary(moved));
            return 0;
        }
    }
}
