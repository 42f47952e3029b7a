namespace Herald.Templates;

/// <summary>The inline pieces of a paragraph, heading or list item.</summary>
internal enum InlineSegmentKind
{
    Text,
    Link,
    LineBreak,
}
