using Herald.Services;

namespace Herald.Auth;

/// <summary>An authenticated API request: the service and the key that signed the token.</summary>
public sealed record ApiCaller(ServiceSnapshot Service, ServiceKeySnapshot Key)
{
    public Guid ServiceId => Service.Service.Id;
}
