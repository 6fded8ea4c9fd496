namespace PBudget.Site.Forms;

/// <summary>
/// A page that the function app renders for a person acting on the service (a question page, a check-your-answers
/// page, a confirmation, a staff console page), as typed blocks in order. <see cref="FormPageRenderer"/> renders it
/// with the GOV.UK form components inside the site's page template.
/// </summary>
public sealed record FormPageModel
{
    /// <summary>What the page is; " – PBudget" is added, and "Error: " in front when there are errors.</summary>
    public required string Title { get; init; }

    /// <summary>The page's h1; the title when not set.</summary>
    public string? Heading { get; init; }

    /// <summary>A caption over the heading, such as the journey's name and step.</summary>
    public string? Caption { get; init; }

    /// <summary>Where the back link goes, if there is one.</summary>
    public string? BackHref { get; init; }

    /// <summary>Every error on the page, in the order of the fields; the error summary lists them.</summary>
    public IReadOnlyList<FormPageError> Errors { get; init; } = [];

    /// <summary>The page's content, in order.</summary>
    public IReadOnlyList<FormPageBlock> Blocks { get; init; } = [];

    /// <summary>Whether the content spans the full width rather than two thirds.</summary>
    public bool FullWidth { get; init; }
}

/// <summary>One error in the error summary.</summary>
/// <param name="FieldId">The id of the field in error (the link's target), or null for an error about the whole page.</param>
/// <param name="Message">What is wrong and how to put it right.</param>
public sealed record FormPageError(string? FieldId, string Message);

/// <summary>A part of a form page.</summary>
public abstract record FormPageBlock;

/// <summary>A paragraph of body text.</summary>
public sealed record ParagraphBlock(string Text) : FormPageBlock
{
    /// <summary>Shown in the hint colour when true.</summary>
    public bool Secondary { get; init; }
}

/// <summary>A subheading (h2 or h3).</summary>
public sealed record HeadingBlock(string Text, int Level = 2) : FormPageBlock;

/// <summary>A list of links, for example filters or the next steps.</summary>
public sealed record LinksBlock(IReadOnlyList<FormLink> Links) : FormPageBlock;

/// <summary>A link, optionally marked as the current page (then it is plain text in bold).</summary>
public sealed record FormLink(string Text, string Href)
{
    /// <summary>Words only screen readers hear after the text, so that "Change" or "Review" says what it changes.</summary>
    public string? VisuallyHiddenText { get; init; }

    /// <summary>Whether this link is the page being shown.</summary>
    public bool Current { get; init; }
}

/// <summary>The green confirmation panel, with a reference.</summary>
public sealed record PanelBlock(string Title, string? Text) : FormPageBlock;

/// <summary>A summary list (GOV.UK's check-answers pattern), optionally in a card with a title and forms under it.</summary>
public sealed record SummaryBlock(IReadOnlyList<SummaryRow> Rows) : FormPageBlock
{
    /// <summary>Puts the list in a summary card with this title.</summary>
    public string? CardTitle { get; init; }

    /// <summary>Forms shown under the list, such as a withdraw button.</summary>
    public IReadOnlyList<FormBlock> Forms { get; init; } = [];
}

/// <summary>A row of a summary list: a key, a value and an optional change link.</summary>
public sealed record SummaryRow(string Key, string Value)
{
    /// <summary>A link to change the answer; its visually hidden text should name the row.</summary>
    public FormLink? Change { get; init; }
}

/// <summary>A table of text and links.</summary>
public sealed record TableBlock(string Caption, IReadOnlyList<string> Head, IReadOnlyList<IReadOnlyList<FormCell>> Rows) : FormPageBlock;

/// <summary>A table cell: text, optionally a link.</summary>
public sealed record FormCell(string Text)
{
    /// <summary>Makes the text a link.</summary>
    public string? Href { get; init; }

    /// <summary>Right-aligns the cell, for amounts.</summary>
    public bool Numeric { get; init; }
}

/// <summary>
/// A form that posts to the app: an anti-forgery token, hidden fields that carry earlier answers, questions and a
/// button. It works without JavaScript.
/// </summary>
public sealed record FormBlock(string Action, string ButtonText) : FormPageBlock
{
    /// <summary>The anti-forgery token, as the app's anti-forgery service issued it for this page.</summary>
    public FormToken? Token { get; init; }

    /// <summary>Answers carried from earlier pages, and ids the post needs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Hidden { get; init; } = [];

    /// <summary>The questions.</summary>
    public IReadOnlyList<FormField> Fields { get; init; } = [];

    /// <summary>Extra classes for the button, for example <c>govuk-button--warning</c>.</summary>
    public string? ButtonClasses { get; init; }

    /// <summary>A heading over the form, when a page has more than one.</summary>
    public string? Heading { get; init; }

    /// <summary>A live status line between the questions and the button, which a script may keep up to date.</summary>
    public FormStatus? Status { get; init; }
}

/// <summary>
/// A line a screen reader announces when it changes (<c>role="status"</c>): without JavaScript it says what it says;
/// the page's script can rewrite it from its data attributes as the person answers.
/// </summary>
/// <param name="Text">What the line says without JavaScript.</param>
public sealed record FormStatus(string Text)
{
    /// <summary>Data attributes the script reads, such as <c>data-budget-pence</c>.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>A link that looks like a button, such as a start button.</summary>
public sealed record ButtonLinkBlock(string Text, string Href) : FormPageBlock
{
    /// <summary>Shows the arrow of a service's start button.</summary>
    public bool IsStartButton { get; init; }

    /// <summary>Extra classes, for example <c>govuk-button--secondary</c>.</summary>
    public string? Classes { get; init; }
}

/// <summary>A button that prints the page. It is hidden until the site's script shows it, since printing needs JavaScript.</summary>
public sealed record PrintButtonBlock(string Text) : FormPageBlock;

/// <summary>The anti-forgery field of a form.</summary>
/// <param name="FieldName">The field's name, <c>__RequestVerificationToken</c> by default.</param>
/// <param name="Value">The request token.</param>
public sealed record FormToken(string FieldName, string Value);

/// <summary>A question on a form.</summary>
/// <param name="Name">The field's name, which is also its id.</param>
/// <param name="Label">The question.</param>
public abstract record FormField(string Name, string Label)
{
    /// <summary>Help under the question.</summary>
    public string? Hint { get; init; }

    /// <summary>What was typed or chosen (kept when the page is shown again with errors).</summary>
    public string? Value { get; init; }

    /// <summary>What is wrong with it, if anything.</summary>
    public string? Error { get; init; }
}

/// <summary>A one-line text question.</summary>
public sealed record TextField(string Name, string Label) : FormField(Name, Label)
{
    /// <summary>Extra classes, for example <c>govuk-input--width-10</c>.</summary>
    public string? Classes { get; init; }

    /// <summary>Text in front of the input, such as "£".</summary>
    public string? Prefix { get; init; }

    /// <summary>The input mode, such as <c>decimal</c>.</summary>
    public string? Inputmode { get; init; }

    /// <summary>The autocomplete attribute, such as <c>postal-code</c> or <c>organization</c>.</summary>
    public string? Autocomplete { get; init; }

    /// <summary>Whether the browser checks spelling.</summary>
    public bool? Spellcheck { get; init; }

    /// <summary>Extra attributes for the input, such as a data attribute a script reads.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>A multi-line text question.</summary>
public sealed record TextareaField(string Name, string Label) : FormField(Name, Label)
{
    /// <summary>How many rows high.</summary>
    public int Rows { get; init; } = 5;
}

/// <summary>A choose-one question.</summary>
public sealed record RadiosField(string Name, string Label, IReadOnlyList<FormChoice> Choices) : FormField(Name, Label)
{
    /// <summary>Lays short choices (such as Yes and No) side by side.</summary>
    public bool Inline { get; init; }
}

/// <summary>A choose-any question: the form sends its name once for each ticked choice.</summary>
public sealed record CheckboxesField(string Name, string Label, IReadOnlyList<FormChoice> Choices) : FormField(Name, Label)
{
    /// <summary>The ticked values (kept when the page is shown again with errors).</summary>
    public IReadOnlyList<string> Values { get; init; } = [];
}

/// <summary>
/// Several questions under one legend, such as a number for each project; its hint and error are about the group.
/// The group has no control of its own: link its errors to the first question's id.
/// </summary>
public sealed record FieldsetField(string Name, string Label, IReadOnlyList<FormField> Fields) : FormField(Name, Label);

/// <summary>One choice of a <see cref="RadiosField"/> or a <see cref="CheckboxesField"/>.</summary>
public sealed record FormChoice(string Value, string Text)
{
    /// <summary>Help under the choice.</summary>
    public string? Hint { get; init; }

    /// <summary>Extra attributes for the choice's input, such as a data attribute a script reads.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>
/// GOV.UK's check answers pattern for a journey that keeps its answers in the form rather than on the server: the
/// answers are hidden fields of one form, and each row's "Change" is a button that posts them back to that question.
/// </summary>
/// <param name="Form">The form: its action, token, hidden answers and the button that sends them.</param>
/// <param name="Rows">The answers.</param>
/// <param name="ChangeFieldName">The name of the field each change button sends, with the question as its value.</param>
public sealed record CheckAnswersBlock(FormBlock Form, IReadOnlyList<CheckAnswersRow> Rows, string ChangeFieldName) : FormPageBlock;

/// <summary>An answer on a <see cref="CheckAnswersBlock"/>.</summary>
/// <param name="Key">The question, in short.</param>
/// <param name="Value">The answer.</param>
/// <param name="ChangeValue">Which question the change button goes back to.</param>
/// <param name="ChangeHiddenText">What the change button changes, for screen readers.</param>
public sealed record CheckAnswersRow(string Key, string Value, string ChangeValue, string ChangeHiddenText);
