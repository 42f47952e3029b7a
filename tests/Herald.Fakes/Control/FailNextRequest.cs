namespace Herald.Fakes.Control;

internal sealed record FailNextRequest(int Count, int Status);
