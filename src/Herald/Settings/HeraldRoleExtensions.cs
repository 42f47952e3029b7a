
namespace Herald.Settings;

public static class HeraldRoleExtensions
{
    public static bool RunsWorkers(this HeraldRole role) => role is HeraldRole.All or HeraldRole.Worker;

    public static bool ServesApi(this HeraldRole role) => role is HeraldRole.All or HeraldRole.Api;
}
