
namespace Herald.Api;

public sealed record ReceivedTextsResponse(IReadOnlyList<ReceivedTextResponse> ReceivedTextMessages, PageLinks Links);

public sealed record ReceivedTextResponse(Guid Id, string UserNumber, string NotifyNumber, string CreatedAt, Guid ServiceId, string Content);
