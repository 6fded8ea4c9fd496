namespace PBudget.Site.Forms.Components;

/// <summary>What the form components do in common.</summary>
internal static class FormFields
{
    /// <summary>An aria-describedby value from the ids that are set, in order; null when none is.</summary>
    public static string? DescribedBy(params ReadOnlySpan<string?> ids)
    {
        string? result = null;
        foreach (var id in ids)
        {
            if (!string.IsNullOrEmpty(id))
            {
                result = result is null ? id : result + " " + id;
            }
        }

        return result;
    }
}
