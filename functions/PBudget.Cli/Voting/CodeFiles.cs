using System.Globalization;
using System.Net;
using System.Text;

namespace PBudget.Cli.Voting;

/// <summary>What a batch of codes is printed with: the ward and scheme names and where to vote.</summary>
internal sealed record CodeLetters(string SchemeId, string SchemeName, CodeBatch Batch, Uri VoteUrl)
{
    /// <summary>The voting page for a ward: <c>{app}/api/forms/schemes/{scheme}/wards/{ward}/vote</c>.</summary>
    public static Uri VoteUrlFor(Uri app, string schemeId, string wardCode)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri($"{app.GetLeftPart(UriPartial.Authority)}{app.AbsolutePath.TrimEnd('/')}/api/forms/schemes/{Uri.EscapeDataString(schemeId)}/wards/{Uri.EscapeDataString(wardCode)}/vote");
    }
}

/// <summary>The files <c>pbudget codes issue</c> writes: a CSV for a mail merge and a printable sheet of cards.</summary>
internal static class CodeFiles
{
    /// <summary>The API's CSV columns (code, ward_code, ward_name, batch), then the scheme's name and the voting page for the letter.</summary>
    public static string Csv(CodeLetters letters)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var batch = letters.Batch;
        var csv = new StringBuilder("code,ward_code,ward_name,batch,scheme_name,vote_url\r\n");
        foreach (var code in batch.Codes)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{code},{Field(batch.WardCode)},{Field(batch.WardName)},{Field(batch.Batch)},{Field(letters.SchemeName)},{Field(letters.VoteUrl.AbsoluteUri)}\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// One card per code, four to an A4 page with a dashed line to cut along: the ward, the scheme, the code large in a
    /// monospace font (so 0 and O, 1 and I read apart), where to vote and what to do. Self-contained: no scripts,
    /// fonts or images to fetch.
    /// </summary>
    public static string Sheet(CodeLetters letters)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var batch = letters.Batch;
        var ward = Encode(batch.WardName);
        var scheme = Encode(letters.SchemeName);
        var url = Encode(letters.VoteUrl.AbsoluteUri);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Voting codes for {{ward}}: {{scheme}} (batch {{Encode(batch.Batch)}})</title>
            <style>
            @page { size: A4 portrait; margin: 10mm; }
            * { box-sizing: border-box; }
            body { margin: 0; font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; background: #ffffff; line-height: 1.35; }
            .intro { max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; }
            .cards { max-width: 190mm; margin: 0 auto; }
            .card { height: 69mm; padding: 5mm 7mm; border-bottom: 0.4mm dashed #505a5f; break-inside: avoid; page-break-inside: avoid; overflow: hidden; }
            .card:nth-of-type(4n) { break-after: page; page-break-after: always; }
            .card:last-of-type { break-after: auto; page-break-after: auto; }
            .ward { margin: 0; font-size: 16pt; }
            .scheme { margin: 0 0 2mm; font-size: 11pt; }
            .label { margin: 0; font-size: 10pt; font-weight: bold; }
            .code { margin: 0 0 2mm; font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 24pt; font-weight: bold; letter-spacing: 0.06em; white-space: nowrap; }
            .steps { margin: 0; padding-left: 6mm; font-size: 10.5pt; }
            .url { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; word-break: break-all; color: #0b0c0c; }
            .private { margin: 1.5mm 0 0; font-size: 9.5pt; }
            @media print { .intro { display: none; } .cards { max-width: none; } }
            </style>
            </head>
            <body>
            <header class="intro">
            <h1>Voting codes for {{ward}}</h1>
            <p>{{scheme}}. Batch {{Encode(batch.Batch)}}, issued {{batch.IssuedAt.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)}}: {{batch.Codes.Count.ToString("N0", CultureInfo.InvariantCulture)}} codes, four cards to a page. Print on A4 and cut along the dashed lines. Each code can be used once; keep this file safe, as the codes cannot be shown again.</p>
            </header>
            <main class="cards">

            """);
        for (var i = 0; i < batch.Codes.Count; i++)
        {
            var id = (i + 1).ToString(CultureInfo.InvariantCulture);
            html.Append(CultureInfo.InvariantCulture, $"""
                <article class="card" aria-labelledby="card-{id}">
                <h2 class="ward" id="card-{id}">{ward}</h2>
                <p class="scheme">{scheme}</p>
                <p class="label">Your voting code</p>
                <p class="code">{Encode(batch.Codes[i])}</p>
                <ol class="steps">
                <li>Go to <a class="url" href="{url}">{url}</a></li>
                <li>Enter the code above. Capital or small letters both work, and you can leave out the hyphens.</li>
                <li>Choose the projects you want for {ward}. You can vote once with this code.</li>
                </ol>
                <p class="private">Keep this code private: anyone who has it can use your vote.</p>
                </article>

                """);
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
