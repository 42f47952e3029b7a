using System.Globalization;
using System.Text;
using CsCheck;

namespace Herald.Tests.Fixtures;

/// <summary>
/// CsCheck generators of hostile input for the property tests: text with control characters, NUL,
/// surrogates (paired and lone), non-ASCII and syntax characters; huge text; and random JSON
/// (as text, so it can hold what no serializer writes: lone surrogates, 1e400, deep nesting).
/// </summary>
public static class RandomInput
{
    private static readonly Gen<string> StorablePiece = Gen.Frequency(
        (12, Gen.Char[' ', '~'].Select(c => c.ToString())),
        (3, Gen.OneOf("(", ")", "((", "))", "?", "??", "*", "#", "^", "[", "]", "\n", "\r\n", "\t", "@", ".", "+", "-", "_", "|", "`", "<", ">", "&", "\\", "\"", " ")),
        (2, Gen.Char['\u0001', '\u001f'].Select(c => c.ToString())),
        (2, Gen.Char['\u0080', '\ud7ff'].Select(c => c.ToString())),
        (1, Gen.Char['\ue000', '\uffff'].Select(c => c.ToString())),
        (1, Gen.OneOf("\U0001F600", "\u00e9", "\u200b", "\ufeff", "\u2028")));

    private static readonly Gen<string> AnyPiece = Gen.Frequency(
        (10, StorablePiece),
        (1, Gen.Const("\0")),
        (1, Gen.Char['\ud800', '\udfff'].Select(c => c.ToString())));

    /// <summary>Text that passes Herald's edge (no NUL, no lone surrogate): what reaches the code behind it.</summary>
    public static readonly Gen<string> StorableText = StorablePiece.Array[0, 60].Select(string.Concat);

    /// <summary>Any UTF-16 text, lone surrogates and NUL included.</summary>
    public static readonly Gen<string> AnyText = AnyPiece.Array[0, 60].Select(string.Concat);

    /// <summary>Mostly short text, now and then tens of thousands of characters.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (20, AnyText),
        (1, Gen.Select(AnyPiece, Gen.Int[10_000, 60_000], (piece, count) => string.Concat(Enumerable.Repeat(piece, count)))));

    /// <summary>A JSON string literal of any text, every character escaped (so lone surrogates survive).</summary>
    public static Gen<string> JsonString(Gen<string> text) => text.Select(Escape);

    public static readonly Gen<string> JsonScalar = Gen.Frequency(
        (4, JsonString(AnyText)),
        (2, Gen.OneOf("0", "-1", "1.5", "1e400", "-1e400", "123456789012345678901234567890", "-0", "1E+2", "0.0000001")),
        (1, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("true", "false", "null")));

    /// <summary>Random JSON text, objects drawing their keys mostly from <paramref name="keys"/> so parsers get past their first checks.</summary>
    public static Gen<string> Json(string[] keys, int depth = 3)
    {
        if (depth == 0)
        {
            return JsonScalar;
        }

        var inner = Json(keys, depth - 1);
        var key = Gen.Frequency((4, Gen.OneOf(keys).Select(Escape)), (1, JsonString(AnyText)));
        var member = Gen.Select(key, inner, (k, v) => $"{k}:{v}");
        return Gen.Frequency(
            (3, JsonScalar),
            (2, member.Array[0, 8].Select(m => "{" + string.Join(",", m) + "}")),
            (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Int[60, 200].Select(n => new string('[', n) + new string(']', n))));
    }

    private static string Escape(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }

        return json.Append('"').ToString();
    }
}
