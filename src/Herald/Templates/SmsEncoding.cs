namespace Herald.Templates;

/// <summary>How a text message is encoded on the wire.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit default alphabet (160 characters in one fragment).</summary>
    Gsm7,

    /// <summary>UCS-2 / UTF-16 (70 characters in one fragment).</summary>
    Ucs2,
}
