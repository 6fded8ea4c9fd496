using PBudget.Core.Voting;
using PBudget.Functions.Storage;

namespace PBudget.Functions.Voting;

/// <summary>A ballot sent online by a signed-in resident.</summary>
public sealed record BallotRequest(BallotChoice[]? Choices);

/// <summary>A ballot sent online with a voting code.</summary>
public sealed record CodeBallotRequest(string? Code, BallotChoice[]? Choices);

/// <summary>A paper ballot as an officer enters it: identified by the voting code printed on it, or by its sheet number.</summary>
public sealed record PaperBallotRequest(string? Code, string? Sheet, BallotChoice[]? Choices);

/// <summary>How many codes to issue for a ward.</summary>
public sealed record CodeBatchRequest(int Count);

/// <summary>The scheme's ballot rule, and what it means for a ward of a given budget.</summary>
public sealed record BallotRuleResponse(BallotRule Rule, bool Frozen);

/// <summary>A ward's ballot paper.</summary>
public sealed record BallotPaperResponse(
    string SchemeId,
    string SchemeName,
    string WardCode,
    string WardName,
    long BudgetPence,
    BallotRule Rule,
    string Instructions,
    bool Open,
    string Phase,
    IReadOnlyList<BallotOption> Options);

/// <summary>The voter's receipt. The tracking code will appear in the ward's published list; it does not show the choices.</summary>
public sealed record ReceiptResponse(
    string SchemeId,
    string WardCode,
    string TrackingCode,
    string TrackingCodeDisplay,
    DateTimeOffset At,
    BallotChannel Channel,
    bool Replaced,
    BallotSummary Summary);

/// <summary>A signed-in resident's own ballot.</summary>
public sealed record MyBallotResponse(string SchemeId, string WardCode, IReadOnlyList<BallotChoice> Choices, string TrackingCode, string TrackingCodeDisplay, DateTimeOffset At, int Changes, bool CanChange);

/// <summary>The ward a postcode is in.</summary>
public sealed record PostcodeWardResponse(string Postcode, string WardCode, string WardName);

/// <summary>Codes just issued, printed for people; they cannot be shown again.</summary>
public sealed record CodeBatchResponse(string Batch, string WardCode, string WardName, DateTimeOffset IssuedAt, int Count, IReadOnlyList<string> Codes);

/// <summary>A ward's receipt chains, as the results will publish them.</summary>
public sealed record ReceiptsResponse(string SchemeId, string WardCode, IReadOnlyList<ReceiptChainResponse> Chains);

/// <summary>One chain: its tracking codes in order, and the hash that closed it.</summary>
public sealed record ReceiptChainResponse(int Partition, string Genesis, IReadOnlyList<ReceiptEntryResponse> Codes, string? ClosingHash, DateTimeOffset? ClosedAt);

/// <summary>A tracking code, and whether a later ballot from the same voter replaced it.</summary>
public sealed record ReceiptEntryResponse(string Code, bool Superseded);

/// <summary>How many receipt chains a close call closed (0 when all were closed already).</summary>
public sealed record ChainsClosedResponse(string SchemeId, int ChainsClosed);
