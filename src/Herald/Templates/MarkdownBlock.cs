namespace Herald.Templates;

/// <summary>One block of an email body.</summary>
/// <param name="Text">Paragraph or heading content (lines joined by '\n').</param>
/// <param name="Level">Heading level: 1 for "#", 2 for "##".</param>
/// <param name="Ordered">A list numbered "1." rather than bulleted.</param>
/// <param name="Items">List items (continuation lines joined by '\n').</param>
/// <param name="Children">The blocks inside inset text.</param>
internal sealed record MarkdownBlock(
    MarkdownBlockKind Kind,
    MarkedText? Text = null,
    int Level = 0,
    bool Ordered = false,
    IReadOnlyList<MarkedText>? Items = null,
    IReadOnlyList<MarkdownBlock>? Children = null);
