using PBudget.Core.Validation;

namespace PBudget.Core.Tests;

public sealed class ValidationErrorsTests
{
    [Fact]
    public void IsValid_NoErrors_IsTrue()
    {
        Assert.True(new ValidationErrors().IsValid);
    }

    [Fact]
    public void Add_TwoMessagesForOneField_KeepsBothInOrder()
    {
        var errors = new ValidationErrors();
        errors.Add("amountPence", "First.");
        errors.Add("toWard", "Other.");
        errors.Add("amountPence", "Second.");

        Assert.False(errors.IsValid);
        Assert.Equal(["First.", "Second."], errors.ToDictionary()["amountPence"]);
        Assert.Equal(["Other."], errors.ToDictionary()["toWard"]);
    }

    [Fact]
    public void ToString_ListsFieldAndMessagePerLine()
    {
        var errors = new ValidationErrors();
        errors.Add("name", "Enter the name.");
        errors.Add("id", "Too short.");

        Assert.Equal("name: Enter the name." + Environment.NewLine + "id: Too short.", errors.ToString());
    }

    [Fact]
    public void DomainValidationException_CarriesErrorsAndListsThemInTheMessage()
    {
        var exception = new DomainValidationException("budgetRule", "Enter the budget rule.");

        Assert.Equal(["Enter the budget rule."], exception.Errors.ToDictionary()["budgetRule"]);
        Assert.Equal("The input is not valid." + Environment.NewLine + "budgetRule: Enter the budget rule.", exception.Message);
    }
}
