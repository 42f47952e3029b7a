namespace Herald.Admin.Users;

/// <summary>
/// What an admin user may do, ordered: a higher role can do everything a lower one can. Viewer
/// reads; editor also changes templates, keys, sends, replays and settings; owner also manages users.
/// </summary>
public enum AdminRole
{
    Viewer = 0,
    Editor = 1,
    Owner = 2,
}
