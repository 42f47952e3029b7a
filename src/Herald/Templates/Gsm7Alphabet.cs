using System.Buffers;

namespace Herald.Templates;

/// <summary>The GSM 03.38 default alphabet and its extension table.</summary>
internal static class Gsm7Alphabet
{
    // Basic table (the escape character 0x1B is left out: it is not text).
    private static readonly SearchValues<char> _basic = SearchValues.Create(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");

    // Extension table: each costs an escape septet plus its own, so counts double.
    private static readonly SearchValues<char> _extended = SearchValues.Create("^{}\\[~]|€\f");

    public static bool IsBasic(char c) => _basic.Contains(c);

    public static bool IsExtended(char c) => _extended.Contains(c);
}
