namespace Herald.Services;

public enum ServiceRecipientKind : short
{
    TeamMember = 0,
    GuestList = 1,
}
