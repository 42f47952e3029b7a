namespace Herald.Templates;

/// <summary>The block constructs of Notify's email markdown.</summary>
internal enum MarkdownBlockKind
{
    Paragraph,
    Heading,
    List,
    InsetText,
    Rule,
}
