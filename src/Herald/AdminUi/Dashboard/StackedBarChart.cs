using System.Globalization;
using System.Net;
using System.Text;
using Herald.Templates;
using Microsoft.AspNetCore.Html;

namespace Herald.AdminUi.Dashboard;

/// <summary>
/// A server-rendered SVG of one service's channel: a bar per day, stacked by status group. The
/// figures are also in the table beside it; the chart carries a title and description for
/// screen readers.
/// </summary>
public static class StackedBarChart
{
    private const int Width = 420;
    private const int Height = 180;
    private const int Left = 36;
    private const int Bottom = 24;
    private const int Top = 8;

    public static IHtmlContent Render(ServiceFigures service, TemplateType channel, IReadOnlyList<DateOnly> days)
    {
        var id = $"chart-{service.ServiceId:N}-{channel}".ToLowerInvariant();
        var totals = days.Select(d => StatusGroups.All.Sum(g => service.Count(channel, g, d))).ToList();
        var max = Math.Max(1, totals.Max());
        var plotHeight = Height - Bottom - Top;
        var slot = (Width - Left) / (double)days.Count;
        var bar = slot * 0.6;
        var svg = new StringBuilder();
        var channelName = channel.ToString().ToLowerInvariant();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{Encode(service.Name)}: {channelName} per day, last {days.Count} days</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-d\">{string.Join("; ", days.Select((d, i) => $"{d:ddd d MMM}: {totals[i]}"))}</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width}\" y2=\"{Top + plotHeight}\" stroke=\"#4a525c\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 10}\" text-anchor=\"end\">{max}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + plotHeight}\" text-anchor=\"end\">0</text>");
        for (var i = 0; i < days.Count; i++)
        {
            var x = Left + (i * slot) + ((slot - bar) / 2);
            var y = (double)(Top + plotHeight);
            foreach (var group in StatusGroups.All)
            {
                var count = service.Count(channel, group, days[i]);
                if (count == 0)
                {
                    continue;
                }

                var h = plotHeight * count / (double)max;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{bar:0.#}\" height=\"{h:0.#}\" fill=\"{StatusGroups.Colour(group)}\"><title>{days[i]:d MMM}: {count} {StatusGroups.Label(group).ToLowerInvariant()}</title></rect>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (bar / 2):0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\">{days[i]:ddd}</text>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
