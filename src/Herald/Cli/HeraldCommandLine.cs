using System.CommandLine;
using System.Reflection;
using Herald.Admin.Users;
using Herald.Hosting;
using Herald.Pushers.WebPush;
using Herald.Queue;
using Herald.Retention;
using Herald.Secrets;
using Herald.Storage;
using Herald.Settings;

namespace Herald.Cli;

/// <summary>The verbs: <c>serve</c>, <c>migrate</c>, <c>version</c>, <c>queue</c>, <c>retention</c>, <c>key-ring</c>, <c>users</c>, <c>vapid-keys</c>, and the client verbs of <see cref="ClientCommands"/>.</summary>
internal static class HeraldCommandLine
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("Herald: a self-hosted notification service.")
        {
            Serve(), Migrate(), Version(), QueueCommands(), KeyRingCommands(), UserCommands(), VapidKeys(),
        };
        foreach (var command in ClientCommands.All())
        {
            root.Subcommands.Add(command);
        }



        try
        {
            // The host handles SIGTERM and Ctrl-C itself and shuts down gracefully; no forced exit.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            // A setting Herald cannot run with: the message says which and why; a stack trace would bury it.
            await Console.Error.WriteLineAsync($"Configuration: {string.Join(" ", ex.Failures)}");
            return 2;
        }
        catch (KeyRingUnavailableException ex)
        {
            await Console.Error.WriteLineAsync($"Key ring: {ex.Message}");
            return 2;
        }
        catch (System.Data.Common.DbException ex)
        {
            var cause = ex.InnerException is { } inner && inner.Message != ex.Message ? $" ({inner.Message})" : "";
            await Console.Error.WriteLineAsync($"The database could not be used: {ex.Message}{cause}");
            return 1;
        }
        catch (Exception ex)
        {
            // What the command line's own handler did: the whole exception, and a failing exit code rather than an abort.
            await Console.Error.WriteLineAsync($"Unhandled exception: {ex}");
            return 1;
        }
    }

    private static Command Serve()
    {
        var command = new Command("serve", "Run Herald: API, workers and scheduler (by role).")
        {
            CliOptions.Urls, CliOptions.Data, CliOptions.Database, CliOptions.Role,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = HeraldHost.Build(CliOptions.ToOverrides(result));
            await HeraldHost.RunAsync(app, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Migrate()
    {
        var command = new Command("migrate", "Bring the database schema to the latest version, then exit.")
        {
            CliOptions.Data, CliOptions.Database,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = BuildTool(result);
            var applied = await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            await Console.Out.WriteLineAsync(applied.Count == 0
                ? "Database is up to date; nothing to apply."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }

    private static Command Version()
    {
        var command = new Command("version", "Print Herald's version.");
        command.SetAction(async (_, _) =>
        {
            var version = typeof(HeraldCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            await Console.Out.WriteLineAsync($"herald {version} (.NET {Environment.Version})");
            return 0;
        });
        return command;
    }

    private static Command VapidKeys()
    {
        var command = new Command("vapid-keys", "Generate a VAPID key pair for web push and print it as environment settings.");
        command.SetAction(async (_, _) =>
        {
            var (publicKey, privateKey) = VapidKey.Generate();
            await Console.Out.WriteLineAsync($"HERALD_PUSH__WEBPUSH__VAPIDPUBLICKEY={publicKey}");
            await Console.Out.WriteLineAsync($"HERALD_PUSH__WEBPUSH__VAPIDPRIVATEKEY={privateKey}");
            await Console.Error.WriteLineAsync(
                "Also set HERALD_PUSH__WEBPUSH__SUBJECT to a mailto: address or an https URL. Keep the private key secret. " +
                "Browsers subscribe with the public key: changing the pair invalidates every existing subscription.");
            return 0;
        });
        return command;
    }

    private static Command QueueCommands()
    {
        var limit = new Option<int>("--limit") { Description = "Most items to list.", DefaultValueFactory = _ => QueueAdministration.DefaultDeadListed };
        var dead = new Command("dead", "List dead queue items (retries exhausted), newest first.") { CliOptions.Data, CliOptions.Database, limit };
        dead.SetAction(async (result, cancellationToken) =>
        {
            await using var app = BuildTool(result);
            var items = await app.Services.GetRequiredService<QueueAdministration>().ListDeadAsync(result.GetValue(limit), cancellationToken);
            foreach (var item in items)
            {
                await Console.Out.WriteLineAsync($"{item.Id}\t{item.Kind}\t{item.Reference}\ttries={item.Attempts}\t{item.LastError}");
            }

            return 0;
        });

        var ids = new Argument<long[]>("ids") { Description = "Dead item ids to replay.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Replay every dead item." };
        var replay = new Command("replay", "Make dead items pending again with their tries reset.") { CliOptions.Data, CliOptions.Database, ids, all };
        replay.SetAction(async (result, cancellationToken) =>
        {
            var chosen = result.GetValue(ids) ?? [];
            if (chosen.Length == 0 && !result.GetValue(all))
            {
                await Console.Error.WriteLineAsync("Name the dead item ids to replay, or pass --all.");
                return 2;
            }

            await using var app = BuildTool(result);
            var count = await app.Services.GetRequiredService<QueueAdministration>()
                .ReplayAsync(result.GetValue(all) ? null : chosen, cancellationToken);
            await Console.Out.WriteLineAsync($"Replayed {count} item(s).");
            return 0;
        });

        return new Command("queue", "Inspect the durable queue.") { dead, replay };
    }

    private static Command KeyRingCommands()
    {
        var rotateKek = new Command("rotate-kek", "Replace the key file's key: re-encrypt the key ring under a new one, keep the old as keyring.key.previous.")
        {
            CliOptions.Data, CliOptions.Database,
        };
        rotateKek.SetAction(async (result, cancellationToken) =>
        {
            await using var app = BuildTool(result);
            var rotation = await app.Services.GetRequiredService<KeyRingRotation>().RotateKeyFileAsync(cancellationToken);
            var path = app.Services.GetRequiredService<KeyEncryptionKeys>().KeyFilePath;
            await Console.Out.WriteLineAsync(
                $"Re-encrypted {rotation.EntriesReencrypted} key ring entr{(rotation.EntriesReencrypted == 1 ? "y" : "ies")} under key {rotation.NewKeyId} ({path}); " +
                $"the old key {rotation.OldKeyId} is kept in {KeyFile.PreviousPath(path)}. Copy {path} to every node, back it up, then restart the nodes.");
            return 0;
        });

        var reencrypt = new Command("reencrypt", "Re-encrypt the key ring under the configured KeyRing:Key or KeyRing:Certificate (older keys from KeyRing:PreviousKeys).")
        {
            CliOptions.Data, CliOptions.Database,
        };
        reencrypt.SetAction(async (result, cancellationToken) =>
        {
            await using var app = BuildTool(result);
            var count = await app.Services.GetRequiredService<KeyRingRotation>().ReencryptAsync(cancellationToken);
            await Console.Out.WriteLineAsync($"Re-encrypted {count} key ring entr{(count == 1 ? "y" : "ies")}.");
            return 0;
        });

        var newKey = new Command("new-key", "Add a Data Protection key, used for new secrets from now on; older keys stay to read older secrets.")
        {
            CliOptions.Data, CliOptions.Database,
        };
        newKey.SetAction(async (result, cancellationToken) =>
        {
            await using var app = BuildTool(result);
            var key = app.Services.GetRequiredService<KeyRingRotation>().NewDataProtectionKey();
            await Console.Out.WriteLineAsync($"Added key {key.KeyId}, active from {key.ActivationDate:O} until {key.ExpirationDate:O}. Running nodes pick it up when they next reload the ring.");
            return 0;
        });

        return new Command("key-ring", "Rotate what protects stored secrets.") { rotateKek, reencrypt, newKey };
    }

    private static Command UserCommands()
    {
        var email = new Option<string>("--email") { Description = "The user's email address (how they sign in).", Required = true };
        var role = new Option<string>("--role") { Description = "viewer, editor or owner.", Required = true };
        role.AcceptOnlyFromAmong("viewer", "editor", "owner");
        var name = new Option<string?>("--name") { Description = "The user's name (default: the email's local part)." };
        var password = new Option<string?>("--password")
        {
            Description = $"At least {UserAdministration.MinPasswordLength} characters; a random one is generated and printed when not given.",
        };
        var create = new Command("create", "Create an admin user (the first owner, for example); migrates the database first.")
        {
            CliOptions.Data, CliOptions.Database, email, role, name, password,
        };
        create.SetAction(async (result, cancellationToken) =>
        {
            await using var app = BuildTool(result);
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var address = result.GetValue(email)!;
            var given = result.GetValue(password);
            var chosen = given ?? UserAdministration.NewPassword();
            try
            {
                var user = await app.Services.GetRequiredService<UserAdministration>().CreateAsync(
                    address, result.GetValue(name) ?? address.Trim().Split('@')[0], AdminRoleNames.Parse(result.GetValue(role))!.Value, chosen, cancellationToken);
                await Console.Out.WriteLineAsync($"Created {AdminRoleNames.Name(user.Role)} {user.Email} ({user.Id}).");
                if (given is null)
                {
                    await Console.Out.WriteLineAsync($"Password: {chosen}");
                }

                return 0;
            }
            catch (Herald.NotifyFormat.NotifyApiException ex)
            {
                await Console.Error.WriteLineAsync(string.Join(" ", ex.Messages));
                return 2;
            }
        });

        var list = new Command("list", "List the admin users.") { CliOptions.Data, CliOptions.Database };
        list.SetAction(async (result, cancellationToken) =>
        {
            await using var app = BuildTool(result);
            foreach (var user in await app.Services.GetRequiredService<UserAdministration>().ListAsync(cancellationToken))
            {
                await Console.Out.WriteLineAsync($"{user.Id}\t{user.Email}\t{AdminRoleNames.Name(user.Role)}\t{user.Name}\t{user.CreatedAt:O}");
            }

            return 0;
        });

        return new Command("users", "Manage admin users: who may use the admin UI and API, and with which role.") { create, list };
    }

    /// <summary>A host for one-shot verbs: storage and queue services, no workers, not started.</summary>
    private static WebApplication BuildTool(ParseResult result)
    {
        var overrides = CliOptions.ToOverrides(result);
        overrides["Role"] = nameof(HeraldRole.Api);
        return HeraldHost.Build(overrides);
    }
}
