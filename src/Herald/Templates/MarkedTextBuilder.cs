using System.Text;

namespace Herald.Templates;

/// <summary>Builds a <see cref="MarkedText"/>.</summary>
internal sealed class MarkedTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<bool> _literal = [];

    public MarkedTextBuilder Append(string value, bool literal)
    {
        _text.Append(value);
        for (var i = 0; i < value.Length; i++)
        {
            _literal.Add(literal);
        }

        return this;
    }

    public MarkedTextBuilder Append(MarkedText value)
    {
        _text.Append(value.Text);
        for (var i = 0; i < value.Length; i++)
        {
            _literal.Add(value.IsLiteral(i));
        }

        return this;
    }

    public MarkedText Build() => new(_text.ToString(), [.. _literal]);
}
