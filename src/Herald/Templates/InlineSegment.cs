namespace Herald.Templates;

/// <summary>
/// Plain <see cref="Text"/> (not escaped), a link, or a line break. For a link,
/// <see cref="Href"/> is encoded for an HTML attribute and <see cref="Address"/> is the address
/// as written (equal to <see cref="Text"/> for a bare URL).
/// </summary>
internal sealed record InlineSegment(InlineSegmentKind Kind, string Text = "", string Href = "", string Address = "")
{
    public static readonly InlineSegment LineBreak = new(InlineSegmentKind.LineBreak);
}
