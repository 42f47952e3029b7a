using System.Text;

namespace Herald.Templates;

/// <summary>Builds a <see cref="MarkedText"/>.</summary>
internal sealed class MarkedTextBuilder(int capacity = 128)
{
    private readonly StringBuilder _text = new(capacity);
    private bool[] _literal = new bool[capacity];

    public MarkedTextBuilder Append(ReadOnlySpan<char> value, bool literal)
    {
        _text.Append(value);
        Reserve(value.Length).Fill(literal);
        return this;
    }

    public MarkedTextBuilder Append(MarkedText value)
    {
        _text.Append(value.Text);
        value.CopyLiteralTo(Reserve(value.Length));
        return this;
    }

    /// <summary>The text so far; the builder is not to be used afterwards (the text shares its marks).</summary>
    public MarkedText Build() => new(_text.ToString(), _literal);

    private Span<bool> Reserve(int count)
    {
        var start = _text.Length - count;
        if (_text.Length > _literal.Length)
        {
            Array.Resize(ref _literal, Math.Max(_literal.Length * 2, _text.Length));
        }

        return _literal.AsSpan(start, count);
    }
}
