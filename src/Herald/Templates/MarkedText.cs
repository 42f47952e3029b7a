namespace Herald.Templates;

/// <summary>
/// Template text after substitution, remembering which characters came from personalisation.
/// Those characters are literal: they never form markdown (a value "# Hi" or "[x](y)" shows as
/// typed), though a URL inside a value still becomes a link.
/// </summary>
internal sealed class MarkedText
{
    private readonly bool[] _literal;
    private readonly int _offset;

    public MarkedText(string text, bool[] literal)
        : this(text, literal, 0)
    {
    }

    private MarkedText(string text, bool[] literal, int offset)
    {
        Text = text;
        _literal = literal;
        _offset = offset;
    }

    public string Text { get; }

    public int Length => Text.Length;

    public char this[int index] => Text[index];

    /// <summary>True when the character at <paramref name="index"/> came from personalisation.</summary>
    public bool IsLiteral(int index) => _literal[_offset + index];

    /// <summary>True when <paramref name="index"/> holds <paramref name="c"/> written by the template.</summary>
    public bool IsSyntax(int index, char c) => index < Length && Text[index] == c && !IsLiteral(index);

    public MarkedText Slice(int start, int length) =>
        start == 0 && length == Length ? this : new(Text.Substring(start, length), _literal, _offset + start);

    /// <summary>Copies which characters came from personalisation to <paramref name="destination"/>.</summary>
    public void CopyLiteralTo(Span<bool> destination) => _literal.AsSpan(_offset, Length).CopyTo(destination);

    public MarkedText Slice(int start) => Slice(start, Length - start);

    /// <summary>Splits on '\n' (the text holds no other line breaks).</summary>
    public IReadOnlyList<MarkedText> Lines()
    {
        var lines = new List<MarkedText>();
        var start = 0;
        for (var i = 0; i <= Length; i++)
        {
            if (i == Length || Text[i] == '\n')
            {
                lines.Add(Slice(start, i - start));
                start = i + 1;
            }
        }

        return lines;
    }

    /// <summary>Without leading and trailing whitespace.</summary>
    public MarkedText Trim()
    {
        var start = 0;
        var end = Length;
        while (start < end && char.IsWhiteSpace(Text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(Text[end - 1]))
        {
            end--;
        }

        return Slice(start, end - start);
    }

    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    /// <summary>Joins lines with template-written '\n'.</summary>
    public static MarkedText JoinLines(IReadOnlyList<MarkedText> lines)
    {
        if (lines.Count == 1)
        {
            return lines[0];
        }

        var builder = new MarkedTextBuilder(lines.Sum(l => l.Length + 1));
        var first = true;
        foreach (var line in lines)
        {
            if (!first)
            {
                builder.Append("\n", literal: false);
            }

            builder.Append(line);
            first = false;
        }

        return builder.Build();
    }

    public override string ToString() => Text;
}
