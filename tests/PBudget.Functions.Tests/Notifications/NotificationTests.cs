using System.Text.Json;
using System.Text.Json.Nodes;
using PBudget.Functions.Notifications;

namespace PBudget.Functions.Tests.Notifications;

public sealed class NotificationTests
{
    [Fact]
    public void ToMessageText_ValidNotification_IsPlainJsonThatParsesBackToTheSameNotification()
    {
        var notification = NotificationSamples.Hidden();

        var text = notification.ToMessageText();

        using var json = JsonDocument.Parse(text);
        Assert.Equal("ProposalHidden", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("rita@example.org", json.RootElement.GetProperty("recipient").GetProperty("emailAddress").GetString());
        Assert.Equal(notification, Notification.Parse(text));
    }

    [Fact]
    public void Parse_NoEmailAddress_IsValid()
    {
        var notification = NotificationSamples.Hidden(emailAddress: null);

        var parsed = Notification.Parse(notification.ToMessageText());

        Assert.Null(parsed.Recipient.EmailAddress);
    }

    [Fact]
    public void IdFrom_SameParts_GivesTheSameLowercaseId()
    {
        var first = Notification.IdFrom("riverside-2026-27", "audit|2519234875123456789|3f2a", "ProposalHidden");
        var again = Notification.IdFrom("riverside-2026-27", "audit|2519234875123456789|3f2a", "ProposalHidden");
        var other = Notification.IdFrom("riverside-2026-27", "audit|2519234875123456789|3f2a", "ProposalMerged");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Matches("^[0-9a-f]{32}$", first);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"schemeId":"riverside-2026-27"}""")]
    public void Parse_NotANotification_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => Notification.Parse(text));
    }

    [Theory]
    [InlineData("id", "\"../../etc/passwd\"")]
    [InlineData("id", "\"UPPER\"")]
    [InlineData("id", "null")]
    [InlineData("kind", "\"ProposalEaten\"")]
    [InlineData("kind", "3")]
    [InlineData("subject", "\"Hello\\r\\nBcc: everyone@example.org\"")]
    [InlineData("subject", "\"\"")]
    [InlineData("body", "\"  \"")]
    [InlineData("schemeId", "\"Riverside!\"")]
    [InlineData("proposalId", "\"p1\"")]
    [InlineData("createdAt", "\"0001-01-01T00:00:00+00:00\"")]
    [InlineData("createdAt", "\"yesterday\"")]
    public void Parse_OneBadField_ThrowsFormatException(string field, string jsonValue)
    {
        var message = JsonNode.Parse(NotificationSamples.Hidden().ToMessageText())!.AsObject();
        message[field] = JsonNode.Parse(jsonValue);

        var error = Assert.Throws<FormatException>(() => Notification.Parse(message.ToJsonString()));

        Assert.Contains("notification", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("userId", "\"\"")]
    [InlineData("displayName", "\"Rita\\nResident\"")]
    [InlineData("emailAddress", "\"rita@example.org\\r\\nBcc: x@example.org\"")]
    [InlineData("emailAddress", "\"rita@example.org, mallory@example.org\"")]
    [InlineData("emailAddress", "\"not an address\"")]
    [InlineData("emailAddress", "\"\"")]
    public void Parse_BadRecipient_ThrowsFormatException(string field, string jsonValue)
    {
        var message = JsonNode.Parse(NotificationSamples.Hidden().ToMessageText())!.AsObject();
        message["recipient"]![field] = JsonNode.Parse(jsonValue);

        Assert.Throws<FormatException>(() => Notification.Parse(message.ToJsonString()));
    }

    [Fact]
    public void Parse_MissingMember_ThrowsFormatException()
    {
        var message = JsonNode.Parse(NotificationSamples.Hidden().ToMessageText())!.AsObject();
        message.Remove("body");

        Assert.Throws<FormatException>(() => Notification.Parse(message.ToJsonString()));
    }

    [Fact]
    public void ToMessageText_InvalidNotification_ThrowsArgumentExceptionNamingEveryProblem()
    {
        var notification = NotificationSamples.Hidden() with { Id = "Not Valid", Subject = "" };

        var error = Assert.Throws<ArgumentException>(notification.ToMessageText);

        Assert.Contains("The id must be", error.Message, StringComparison.Ordinal);
        Assert.Contains("The subject must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_BodyLongerThanTheLimit_IsAProblem()
    {
        var notification = NotificationSamples.Hidden() with { Body = new string('x', Notification.MaxBodyLength + 1) };

        Assert.Single(notification.Problems());
    }
}
