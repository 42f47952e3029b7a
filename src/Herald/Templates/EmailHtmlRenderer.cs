using System.Net;
using System.Text;

namespace Herald.Templates;

/// <summary>
/// Renders email markdown blocks to an HTML fragment with inline styles in the GOV.UK manner
/// (email clients ignore style sheets). All text is HTML-escaped.
/// </summary>
internal static class EmailHtmlRenderer
{
    private const string ParagraphStyle = "margin: 0 0 20px 0; font-size: 19px; line-height: 25px; color: #0b0c0c;";
    private const string Heading1Style = "margin: 0 0 15px 0; padding: 10px 0 0 0; font-size: 27px; line-height: 35px; font-weight: bold; color: #0b0c0c;";
    private const string Heading2Style = "margin: 0 0 15px 0; padding: 10px 0 0 0; font-size: 19px; line-height: 25px; font-weight: bold; color: #0b0c0c;";
    private const string BulletListStyle = "margin: 0 0 20px 20px; padding: 0; list-style-type: disc;";
    private const string NumberedListStyle = "margin: 0 0 20px 20px; padding: 0; list-style-type: decimal;";
    private const string ListItemStyle = "margin: 5px 0; padding: 0 0 0 5px; font-size: 19px; line-height: 25px; color: #0b0c0c;";
    private const string InsetStyle = "margin: 0 0 20px 0; border-left: 10px solid #b1b4b6; padding: 15px 0 0.1px 15px; font-size: 19px; line-height: 25px;";
    private const string RuleStyle = "border: 0; height: 1px; background: #b1b4b6; margin: 30px 0 30px 0;";
    private const string LinkStyle = "word-wrap: break-word; color: #1d70b8;";

    public static string Render(IReadOnlyList<MarkdownBlock> blocks)
    {
        var html = new StringBuilder(1024);
        RenderBlocks(html, blocks);
        var end = html.Length;
        while (end > 0 && html[end - 1] == '\n')
        {
            end--;
        }

        return html.ToString(0, end);
    }

    private static void RenderBlocks(StringBuilder html, IReadOnlyList<MarkdownBlock> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case MarkdownBlockKind.Paragraph:
                    html.Append("<p style=\"").Append(ParagraphStyle).Append("\">");
                    RenderInline(html, block.Text!);
                    html.Append("</p>\n");
                    break;
                case MarkdownBlockKind.Heading:
                    // "#" is the largest heading in the email, under the subject, so it is an h2.
                    var tag = block.Level == 1 ? "h2" : "h3";
                    html.Append('<').Append(tag).Append(" style=\"")
                        .Append(block.Level == 1 ? Heading1Style : Heading2Style).Append("\">");
                    RenderInline(html, block.Text!);
                    html.Append("</").Append(tag).Append(">\n");
                    break;
                case MarkdownBlockKind.List:
                    var list = block.Ordered ? "ol" : "ul";
                    html.Append('<').Append(list).Append(" style=\"")
                        .Append(block.Ordered ? NumberedListStyle : BulletListStyle)
                        .Append("\">\n");
                    foreach (var item in block.Items!)
                    {
                        html.Append("<li style=\"").Append(ListItemStyle).Append("\">");
                        RenderInline(html, item);
                        html.Append("</li>\n");
                    }

                    html.Append("</").Append(list).Append(">\n");
                    break;
                case MarkdownBlockKind.InsetText:
                    html.Append("<blockquote style=\"").Append(InsetStyle).Append("\">\n");
                    RenderBlocks(html, block.Children!);
                    html.Append("</blockquote>\n");
                    break;
                case MarkdownBlockKind.Rule:
                    html.Append("<hr style=\"").Append(RuleStyle).Append("\">\n");
                    break;
                default:
                    throw new InvalidOperationException($"Unknown block kind {block.Kind}.");
            }
        }
    }

    private static void RenderInline(StringBuilder html, MarkedText text)
    {
        foreach (var segment in InlineParser.Parse(text))
        {
            switch (segment.Kind)
            {
                case InlineSegmentKind.Text:
                    html.Append(WebUtility.HtmlEncode(segment.Text));
                    break;
                case InlineSegmentKind.Link:
                    html.Append("<a style=\"").Append(LinkStyle).Append("\" href=\"").Append(segment.Href).Append("\">")
                        .Append(WebUtility.HtmlEncode(segment.Text)).Append("</a>");
                    break;
                case InlineSegmentKind.LineBreak:
                    html.Append("<br />");
                    break;
                default:
                    throw new InvalidOperationException($"Unknown inline kind {segment.Kind}.");
            }
        }
    }
}
