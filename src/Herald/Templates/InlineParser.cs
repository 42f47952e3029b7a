using System.Text;

namespace Herald.Templates;

/// <summary>
/// Inline markdown: "[text](url)" links written by the template, bare http(s) URLs (in template
/// text or personalisation) as links, newlines as line breaks. Nothing else is markup: Notify
/// turns off emphasis and code.
/// </summary>
internal static class InlineParser
{
    public static IReadOnlyList<InlineSegment> Parse(MarkedText text)
    {
        var segments = new List<InlineSegment>();
        var buffer = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\n')
            {
                Flush(segments, buffer);
                segments.Add(InlineSegment.LineBreak);
                i++;
            }
            else if (text.IsSyntax(i, '[') && TryLink(text, i, out var link, out var next))
            {
                Flush(segments, buffer);
                segments.Add(link);
                i = next;
            }
            else if (TryBareUrl(text.Text, i, out var url))
            {
                Flush(segments, buffer);
                segments.Add(new InlineSegment(InlineSegmentKind.Link, url, LinkTarget.ToHref(url)!, url));
                i += url.Length;
            }
            else
            {
                buffer.Append(text[i]);
                i++;
            }
        }

        Flush(segments, buffer);
        return segments;
    }

    private static void Flush(List<InlineSegment> segments, StringBuilder buffer)
    {
        if (buffer.Length > 0)
        {
            segments.Add(new InlineSegment(InlineSegmentKind.Text, buffer.ToString()));
            buffer.Clear();
        }
    }

    /// <summary>"[text](url)" where the brackets and parentheses were written by the template.</summary>
    private static bool TryLink(MarkedText text, int open, out InlineSegment link, out int next)
    {
        link = InlineSegment.LineBreak;
        next = open;
        var close = open + 1;
        while (close < text.Length && !text.IsSyntax(close, ']'))
        {
            close++;
        }

        if (close == open + 1 || close >= text.Length || !text.IsSyntax(close + 1, '('))
        {
            return false;
        }

        // The address may hold balanced parentheses of its own.
        var depth = 0;
        var end = close + 2;
        for (; end < text.Length; end++)
        {
            if (text.IsSyntax(end, '('))
            {
                depth++;
            }
            else if (text.IsSyntax(end, ')'))
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
        }

        if (end >= text.Length)
        {
            return false;
        }

        var label = text.Text[(open + 1)..close].Replace('\n', ' ').Trim();
        var address = WithoutTitle(text.Slice(close + 2, end - close - 2)).Trim();

        var href = LinkTarget.ToHref(address);
        link = href is null
            ? new InlineSegment(InlineSegmentKind.Text, label)
            : new InlineSegment(InlineSegmentKind.Link, label, href, address);
        next = end + 1;
        return label.Length > 0;
    }

    /// <summary>
    /// Drops an optional title, as in [text](url "title"): template-written whitespace then a
    /// template-written quote. Spaces from personalisation stay part of the address.
    /// </summary>
    private static string WithoutTitle(MarkedText address)
    {
        for (var i = 1; i < address.Length; i++)
        {
            if (char.IsWhiteSpace(address[i - 1]) && !address.IsLiteral(i - 1)
                && (address.IsSyntax(i, '"') || address.IsSyntax(i, '\'')))
            {
                return address.Text[..(i - 1)];
            }
        }

        return address.Text;
    }

    /// <summary>
    /// "http://" or "https://" then everything up to whitespace or '&lt;', less trailing
    /// punctuation and unbalanced closing brackets (as Notify trims them).
    /// </summary>
    private static bool TryBareUrl(string text, int start, out string url)
    {
        url = string.Empty;
        if (start > 0 && char.IsLetterOrDigit(text[start - 1]))
        {
            return false;
        }

        var scheme = StartsWith(text, start, "https://") ? 8 : StartsWith(text, start, "http://") ? 7 : 0;
        if (scheme == 0)
        {
            return false;
        }

        var end = start + scheme;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('<' or '>'))
        {
            end++;
        }

        var candidate = text[start..end];
        while (candidate.Length > scheme && ShouldTrimLast(candidate))
        {
            candidate = candidate[..^1];
        }

        if (candidate.Length == scheme)
        {
            return false;
        }

        url = candidate;
        return true;
    }

    private static bool ShouldTrimLast(string candidate) => candidate[^1] switch
    {
        '.' or ',' or ':' or ';' or '!' or '?' or '"' or '\'' => true,
        ')' => candidate.Count(c => c == '(') < candidate.Count(c => c == ')'),
        ']' => candidate.Count(c => c == '[') < candidate.Count(c => c == ']'),
        _ => false,
    };

    private static bool StartsWith(string text, int start, string prefix) =>
        string.Compare(text, start, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0;
}
