using System.Globalization;

namespace PBudget.Core;

/// <summary>Money is integer pence everywhere; this formats it for people.</summary>
public static class Money
{
    /// <summary>
    /// Formats pence as pounds (UK style: comma thousands, point decimals), for example <c>£1,234</c> for whole pounds and <c>£1,234.56</c> otherwise.
    /// </summary>
    public static string FormatPounds(long pence)
    {
        var sign = pence < 0 ? "-" : "";
        var absolute = Math.Abs((decimal)pence);
        var pounds = absolute / 100m;
        var format = absolute % 100 == 0 ? "#,##0" : "#,##0.00";
        return sign + "£" + pounds.ToString(format, CultureInfo.InvariantCulture);
    }
}
