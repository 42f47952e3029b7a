using System.ComponentModel.DataAnnotations;

namespace Herald.Recipients;

/// <summary>Recipient validation settings (configuration section <c>Recipients</c>, env <c>HERALD_RECIPIENTS__*</c>).</summary>
public sealed class RecipientOptions
{
    public const string Section = "Recipients";

    /// <summary>
    /// The ISO 3166 region used to read phone numbers written in national format (no <c>+</c> or <c>00</c>).
    /// Default <c>GB</c>. Only parsing depends on it: "UK" and "international" stay relative to +44, as in Notify.
    /// </summary>
    [Required]
    public string DefaultRegion { get; set; } = "GB";
}
