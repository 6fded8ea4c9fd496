using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PBudget.Functions.Notifications;

namespace PBudget.Functions.Tests.Notifications;

public sealed partial class MailboxFolderSenderTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pbudget-mailbox-tests", Guid.NewGuid().ToString("N"));
    private readonly MailboxFolderSender sender;

    public MailboxFolderSenderTests()
    {
        sender = new MailboxFolderSender(
            Options.Create(new NotificationsOptions { MailboxFolder = folder }),
            NullLogger<MailboxFolderSender>.Instance);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task SendAsync_Notification_WritesAnRfc5322MessageNamedAfterItsId()
    {
        var notification = NotificationSamples.Hidden();

        await sender.SendAsync(notification, "rita@example.org", Cancel);

        var path = Path.Combine(folder, notification.Id + ".eml");
        var (headers, body) = Read(await File.ReadAllBytesAsync(path, Cancel));
        Assert.Equal("PBudget <no-reply@pbudget.localhost>", headers["From"]);
        Assert.Equal("\"Rita Resident\" <rita@example.org>", headers["To"]);
        Assert.Equal("Your proposal 'Benches on Mill Lane' has been hidden", headers["Subject"]);
        Assert.Equal("Mon, 23 Nov 2026 09:30:05 +0000", headers["Date"]);
        Assert.Equal($"<{notification.Id}@pbudget.localhost>", headers["Message-ID"]);
        Assert.Equal("1.0", headers["MIME-Version"]);
        Assert.Equal("text/plain; charset=utf-8", headers["Content-Type"]);
        Assert.Equal("8bit", headers["Content-Transfer-Encoding"]);
        Assert.Equal("ProposalHidden", headers["X-PBudget-Kind"]);
        Assert.Equal(NotificationSamples.ProposalId, headers["X-PBudget-Proposal"]);
        Assert.Equal(notification.Body.ReplaceLineEndings("\r\n"), body);
    }

    [Fact]
    public async Task SendAsync_EveryLine_EndsWithCrlf()
    {
        var notification = NotificationSamples.Hidden() with { Body = "one\ntwo\r\nthree\rfour" };

        await sender.SendAsync(notification, "rita@example.org", Cancel);

        var text = await File.ReadAllTextAsync(sender.PathFor(notification.Id), Cancel);
        Assert.DoesNotMatch("[^\r]\n", text);
        Assert.DoesNotMatch("\r[^\n]", text);
        Assert.EndsWith("one\r\ntwo\r\nthree\r\nfour\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SameNotificationTwice_LeavesOneIdenticalFileAndNoTemporaryFiles()
    {
        var notification = NotificationSamples.Hidden();

        await sender.SendAsync(notification, "rita@example.org", Cancel);
        var first = await File.ReadAllBytesAsync(sender.PathFor(notification.Id), Cancel);
        await sender.SendAsync(notification, "rita@example.org", Cancel);
        var second = await File.ReadAllBytesAsync(sender.PathFor(notification.Id), Cancel);

        Assert.Equal(first, second);
        Assert.Equal([notification.Id + ".eml"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SendAsync_ConcurrentRedeliveries_LeaveOneWholeFile()
    {
        var notification = NotificationSamples.Hidden();
        var expected = Encoding.UTF8.GetBytes(await WriteOnceAndReadAsync(notification));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sender.SendAsync(notification, "rita@example.org", Cancel)));

        Assert.Equal(expected, await File.ReadAllBytesAsync(sender.PathFor(notification.Id), Cancel));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task SendAsync_NonAsciiNameAndSubject_WritesUtf8EncodedWordsThatDecodeToTheOriginal()
    {
        var notification = NotificationSamples.Hidden() with
        {
            Recipient = new NotificationRecipient("u-1", "Siân Ó Ceallaigh-Żółć", "sian@example.org"),
            Subject = "Your proposal 'Café seating for the Green' is feasible: £4,500 after review — well done 🎉 and thank you",
            Body = "Reviewed cost: £4,500.\n",
        };

        await sender.SendAsync(notification, "sian@example.org", Cancel);

        var bytes = await File.ReadAllBytesAsync(sender.PathFor(notification.Id), Cancel);
        var (headers, body) = Read(bytes);
        var headerBlock = Encoding.UTF8.GetString(bytes)[..Encoding.UTF8.GetString(bytes).IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.True(headerBlock.All(c => c < 128), "Headers must be 7-bit ASCII.");
        Assert.All(headerBlock.Split("\r\n").Where(line => line.Contains("=?", StringComparison.Ordinal)), line =>
            Assert.True(line.Length <= 76, $"A line with encoded words is longer than 76 characters: {line}"));
        Assert.Equal(notification.Subject, DecodeEncodedWords(headers["Subject"]));
        Assert.Equal("Siân Ó Ceallaigh-Żółć <sian@example.org>", DecodeEncodedWords(headers["To"]));
        Assert.Equal("Reviewed cost: £4,500.\r\n", body);
    }

    [Fact]
    public async Task SendAsync_NameWithQuotes_QuotesItSoTheAddressStaysOneMailbox()
    {
        var notification = NotificationSamples.Hidden() with { Recipient = new NotificationRecipient("u-1", "Rita \"Ree\" Resident, Esq.", "rita@example.org") };

        await sender.SendAsync(notification, "rita@example.org", Cancel);

        var (headers, _) = Read(await File.ReadAllBytesAsync(sender.PathFor(notification.Id), Cancel));
        Assert.Equal("\"Rita \\\"Ree\\\" Resident, Esq.\" <rita@example.org>", headers["To"]);
    }

    [Fact]
    public async Task SendAsync_LineLongerThan998Octets_EncodesTheBodyAsBase64()
    {
        var longLine = string.Concat(Enumerable.Repeat("Benches on Mill Lane, ", 60));
        var notification = NotificationSamples.Hidden() with { Body = longLine };

        await sender.SendAsync(notification, "rita@example.org", Cancel);

        var (headers, body) = Read(await File.ReadAllBytesAsync(sender.PathFor(notification.Id), Cancel));
        Assert.Equal("base64", headers["Content-Transfer-Encoding"]);
        Assert.All(body.Split("\r\n"), line => Assert.True(line.Length <= 76));
        Assert.Equal(longLine + "\r\n", Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal))));
    }

    [Fact]
    public void Constructor_RelativeFolder_IsMadeFull()
    {
        var relative = new MailboxFolderSender(
            Options.Create(new NotificationsOptions { MailboxFolder = Path.Combine("..", "mailbox") }),
            NullLogger<MailboxFolderSender>.Instance);

        Assert.True(Path.IsPathFullyQualified(relative.Folder));
    }

    private async Task<string> WriteOnceAndReadAsync(Notification notification)
    {
        await sender.SendAsync(notification, "rita@example.org", Cancel);
        return await File.ReadAllTextAsync(sender.PathFor(notification.Id), Cancel);
    }

    /// <summary>Splits a message into unfolded headers and body (RFC 5322 2.2.3: a CRLF before white space is folding).</summary>
    private static (Dictionary<string, string> Headers, string Body) Read(byte[] message)
    {
        var text = Encoding.UTF8.GetString(message);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, "No blank line between headers and body.");
        var unfolded = Regex.Replace(text[..end], "\r\n(?=[ \t])", "");
        var headers = unfolded.Split("\r\n")
            .Select(line => line.Split(": ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.OrdinalIgnoreCase);
        return (headers, text[(end + 4)..]);
    }

    /// <summary>Decodes RFC 2047 "B" encoded words; white space between adjacent encoded words is dropped.</summary>
    private static string DecodeEncodedWords(string value)
    {
        var joined = Regex.Replace(value, @"\?=\s+=\?", "?==?");
        return EncodedWord().Replace(joined, match => Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups[1].Value)));
    }

    [GeneratedRegex(@"=\?utf-8\?B\?([A-Za-z0-9+/=]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();
}
