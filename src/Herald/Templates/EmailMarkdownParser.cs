namespace Herald.Templates;

/// <summary>
/// Splits an email body into blocks using Notify's small markdown: "#"/"##" headings, lists
/// ("*", "-", "•" or "1."), inset text ("^"), horizontal rules ("---"), paragraphs. Only
/// characters the template wrote count as syntax; characters from personalisation never do.
/// </summary>
internal static class EmailMarkdownParser
{
    private const int MaxHeadingHashes = 6;

    /// <summary>
    /// Insets nest (an inset's content is markdown again), each level a recursion: a body of a
    /// few thousand "^" would overflow the stack and end the process. Deeper "^" are text.
    /// </summary>
    public const int MaxInsetDepth = 8;

    public static IReadOnlyList<MarkdownBlock> Parse(MarkedText text) => Parse(text, 0);

    private static IReadOnlyList<MarkdownBlock> Parse(MarkedText text, int depth)
    {
        var lines = text.Lines();
        var blocks = new List<MarkdownBlock>();
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                i++;
            }
            else if (IsRule(line))
            {
                blocks.Add(new MarkdownBlock(MarkdownBlockKind.Rule));
                i++;
            }
            else if (TryHeading(line, out var level, out var heading))
            {
                blocks.Add(level <= 2
                    ? new MarkdownBlock(MarkdownBlockKind.Heading, heading, Level: level)
                    : new MarkdownBlock(MarkdownBlockKind.Paragraph, heading)); // "###" and deeper: Notify shows plain text
                i++;
            }
            else if (depth < MaxInsetDepth && TryInsetMarker(line, out _))
            {
                blocks.Add(ParseInset(lines, ref i, depth));
            }
            else if (TryListMarker(line, out _, out _))
            {
                blocks.Add(ParseList(lines, ref i));
            }
            else
            {
                blocks.Add(ParseParagraph(lines, ref i));
            }
        }

        return blocks;
    }

    private static MarkdownBlock ParseParagraph(IReadOnlyList<MarkedText> lines, ref int i)
    {
        var paragraph = new List<MarkedText> { lines[i].Trim() };
        i++;
        while (i < lines.Count && !lines[i].IsBlank && !StartsBlock(lines[i]))
        {
            paragraph.Add(lines[i].Trim());
            i++;
        }

        return new MarkdownBlock(MarkdownBlockKind.Paragraph, MarkedText.JoinLines(paragraph));
    }

    private static MarkdownBlock ParseList(IReadOnlyList<MarkedText> lines, ref int i)
    {
        TryListMarker(lines[i], out var ordered, out var first);
        var items = new List<MarkedText>();
        var current = new List<MarkedText> { first };
        i++;
        while (i < lines.Count)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                // A blank line ends the list unless another item follows it.
                var next = NextNonBlank(lines, i);
                if (next < lines.Count && TryListMarker(lines[next], out var nextOrdered, out _) && nextOrdered == ordered)
                {
                    i = next;
                    continue;
                }

                break;
            }

            if (TryListMarker(line, out var itemOrdered, out var content))
            {
                // A numbered item ends a bulleted list and starts its own, and the other way round.
                if (itemOrdered != ordered)
                {
                    break;
                }

                items.Add(MarkedText.JoinLines(current));
                current = [content];
            }
            else if (IsRule(line) || TryHeading(line, out _, out _) || TryInsetMarker(line, out _))
            {
                break;
            }
            else
            {
                current.Add(line.Trim());
            }

            i++;
        }

        items.Add(MarkedText.JoinLines(current));
        return new MarkdownBlock(MarkdownBlockKind.List, Ordered: ordered, Items: items);
    }

    private static MarkdownBlock ParseInset(IReadOnlyList<MarkedText> lines, ref int i, int depth)
    {
        // Inset text runs over following non-blank lines, and across blank lines when the next
        // non-blank line starts with "^" again; its content is markdown in its own right.
        var inner = new List<MarkedText>();
        while (i < lines.Count)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                var next = NextNonBlank(lines, i);
                if (next < lines.Count && TryInsetMarker(lines[next], out _))
                {
                    inner.Add(line);
                    i++;
                    continue;
                }

                break;
            }

            inner.Add(TryInsetMarker(line, out var content) ? content : line);
            i++;
        }

        return new MarkdownBlock(MarkdownBlockKind.InsetText, Children: Parse(MarkedText.JoinLines(inner), depth + 1));
    }

    private static int NextNonBlank(IReadOnlyList<MarkedText> lines, int i)
    {
        while (i < lines.Count && lines[i].IsBlank)
        {
            i++;
        }

        return i;
    }

    private static bool StartsBlock(MarkedText line) =>
        IsRule(line) || TryHeading(line, out _, out _) || TryInsetMarker(line, out _) || TryListMarker(line, out _, out _);

    private static int Indent(MarkedText line)
    {
        var i = 0;
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    /// <summary>Three or more of the same '-', '*' or '_', spaces allowed between.</summary>
    private static bool IsRule(MarkedText line)
    {
        var start = Indent(line);
        if (start >= line.Length || line[start] is not ('-' or '*' or '_'))
        {
            return false;
        }

        var marker = line[start];
        var count = 0;
        for (var i = start; i < line.Length; i++)
        {
            if (line.IsSyntax(i, marker))
            {
                count++;
            }
            else if (line[i] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return count >= 3;
    }

    /// <summary>"#" to "######" at the start of a line (no space needed, as in Notify).</summary>
    private static bool TryHeading(MarkedText line, out int level, out MarkedText content)
    {
        var start = Indent(line);
        var i = start;
        while (line.IsSyntax(i, '#'))
        {
            i++;
        }

        level = i - start;
        if (level is 0 or > MaxHeadingHashes)
        {
            content = line;
            return false;
        }

        content = line.Slice(i).Trim();

        // Closing hashes ("# Title #") are dropped, as in markdown.
        var end = content.Length;
        while (end > 0 && content.IsSyntax(end - 1, '#'))
        {
            end--;
        }

        content = content.Slice(0, end).Trim();
        return content.Length > 0;
    }

    private static bool TryInsetMarker(MarkedText line, out MarkedText content)
    {
        var i = Indent(line);
        if (!line.IsSyntax(i, '^'))
        {
            content = line;
            return false;
        }

        i++;
        if (i < line.Length && line[i] == ' ')
        {
            i++;
        }

        content = line.Slice(i);
        return true;
    }

    /// <summary>"* ", "- ", "• " or "1. " at the start of a line.</summary>
    private static bool TryListMarker(MarkedText line, out bool ordered, out MarkedText content)
    {
        var i = Indent(line);
        ordered = false;
        content = line;
        if (line.IsSyntax(i, '*') || line.IsSyntax(i, '-') || line.IsSyntax(i, '•'))
        {
            i++;
        }
        else
        {
            var digits = i;
            while (i < line.Length && char.IsAsciiDigit(line[i]) && !line.IsLiteral(i))
            {
                i++;
            }

            if (i == digits || !line.IsSyntax(i, '.'))
            {
                return false;
            }

            ordered = true;
            i++;
        }

        // Unlike Notify's parser, a space must follow the marker, so "-5 degrees" stays text.
        if (i >= line.Length || line[i] is not (' ' or '\t'))
        {
            return false;
        }

        content = line.Slice(i).Trim();
        return true;
    }
}
