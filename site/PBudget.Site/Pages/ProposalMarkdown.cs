using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PBudget.Site.Pages;

/// <summary>
/// Renders a proposal's description, which a resident wrote, from Markdown to HTML that is safe to put in a page:
/// raw HTML is shown as text, only http, https and mailto addresses become links, images are never embedded, and
/// headings start below the page's own.
/// </summary>
internal static class ProposalMarkdown
{
    // CommonMark with raw HTML turned off; no extensions, so nothing else can produce markup.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    /// <summary>The description as HTML with GOV.UK Frontend's classes; headings start at <paramref name="topHeadingLevel"/>.</summary>
    public static string ToHtml(string markdown, int topHeadingLevel = 3)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);

        // Collected first: the loops below change the tree.
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            MakeSafe(link);
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (autolink.IsEmail || IsSafeUrl(autolink.Url))
            {
                MarkAsLink(autolink);
            }
            else
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        foreach (var block in document.Descendants().OfType<Block>())
        {
            Style(block, topHeadingLevel);
        }

        return Markdown.ToHtml(document, Pipeline);
    }

    /// <summary>Whether an address may be a live link: an absolute http, https or mailto address, written as such.</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        // The text itself must start with the scheme, so nothing Uri tolerates (leading spaces, odd characters) slips past.
        return SafeSchemes.Contains(uri.Scheme, StringComparer.Ordinal) && url.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase);
    }

    private static void MakeSafe(LinkInline link)
    {
        if (link.IsImage)
        {
            // A resident's picture from elsewhere would let that site see who reads the page, and needs a description
            // we cannot check, so an image becomes a link to it (or just its description when the address is unsafe).
            link.IsImage = false;
            if (link.FirstChild is null)
            {
                link.AppendChild(new LiteralInline("image"));
            }
        }

        if (IsSafeUrl(link.Url))
        {
            // A link needs words: an empty one shows its address.
            if (link.FirstChild is null)
            {
                link.AppendChild(new LiteralInline(link.Url!));
            }

            MarkAsLink(link);
            return;
        }

        // An unsafe link keeps its words but loses its address.
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }

    private static void MarkAsLink(Inline link)
    {
        var attributes = link.GetAttributes();
        attributes.AddClass("govuk-link");

        // Residents wrote these links: search engines are told so, and the target gets no handle on this page.
        attributes.AddProperty("rel", "nofollow ugc noopener");
    }

    private static void Style(Block block, int topHeadingLevel)
    {
        switch (block)
        {
            case HeadingBlock heading:
                heading.Level = Math.Min(heading.Level + topHeadingLevel - 1, 6);
                heading.GetAttributes().AddClass("govuk-heading-s");
                break;
            case ParagraphBlock:
                block.GetAttributes().AddClass("govuk-body");
                break;
            case ListBlock list:
                list.GetAttributes().AddClass(list.IsOrdered ? "govuk-list govuk-list--number" : "govuk-list govuk-list--bullet");
                break;
            case QuoteBlock:
                block.GetAttributes().AddClass("govuk-inset-text");
                break;
            case ThematicBreakBlock:
                block.GetAttributes().AddClass("govuk-section-break govuk-section-break--m govuk-section-break--visible");
                break;
            default:
                break;
        }
    }
}
