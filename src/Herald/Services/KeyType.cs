namespace Herald.Services;

/// <summary>Notify's API key types. Stored and returned in lower case.</summary>
public enum KeyType : short
{
    /// <summary>Live: anyone (a trial service only its team and guest list).</summary>
    Normal = 0,

    /// <summary>Team and guest list only.</summary>
    Team = 1,

    /// <summary>Nothing is really sent; receipts are simulated.</summary>
    Test = 2,
}
