using System.Text;

namespace Herald.Templates;

/// <summary>
/// Renders email markdown blocks as plain text the way Notify lays out its text/plain part:
/// paragraphs separated by a blank line, headings underlined, "•" or "1." list markers, links as
/// "text: url", a rule as a line of "=-".
/// </summary>
internal static class EmailPlainTextRenderer
{
    private const int ColumnWidth = 65;

    public static string Render(IReadOnlyList<MarkdownBlock> blocks)
    {
        var text = new StringBuilder(256);
        RenderBlocks(text, blocks);
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        return text.Append('\n').ToString(start, text.Length - start);
    }

    private static void RenderBlocks(StringBuilder text, IReadOnlyList<MarkdownBlock> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case MarkdownBlockKind.Paragraph:
                    text.Append("\n\n");
                    RenderInline(text, block.Text!);
                    break;
                case MarkdownBlockKind.Heading:
                    text.Append("\n\n\n");
                    RenderInline(text, block.Text!);
                    text.Append('\n').Append(block.Level == 1 ? '=' : '-', ColumnWidth);
                    break;
                case MarkdownBlockKind.List:
                    text.Append('\n');
                    var number = 1;
                    foreach (var item in block.Items!)
                    {
                        text.Append('\n').Append(block.Ordered ? $"{number++}." : "•").Append(' ');
                        RenderInline(text, item);
                    }

                    break;
                case MarkdownBlockKind.InsetText:
                    RenderBlocks(text, block.Children!);
                    break;
                case MarkdownBlockKind.Rule:
                    text.Append("\n\n");
                    for (var i = 0; i < ColumnWidth; i++)
                    {
                        text.Append(i % 2 == 0 ? '=' : '-');
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown block kind {block.Kind}.");
            }
        }
    }

    private static void RenderInline(StringBuilder text, MarkedText source)
    {
        foreach (var segment in InlineParser.Parse(source))
        {
            switch (segment.Kind)
            {
                case InlineSegmentKind.Text:
                    text.Append(segment.Text);
                    break;
                case InlineSegmentKind.Link:
                    // A bare URL shows once; "[text](url)" shows as "text: url".
                    text.Append(segment.Text == segment.Address ? segment.Address : $"{segment.Text}: {segment.Address}");
                    break;
                case InlineSegmentKind.LineBreak:
                    text.Append('\n');
                    break;
                default:
                    throw new InvalidOperationException($"Unknown inline kind {segment.Kind}.");
            }
        }
    }
}
