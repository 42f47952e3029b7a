using Herald.Fakes;

// The provider fakes on their own, for demos and benchmarks:
//   dotnet run --project tests/Herald.Fakes -- --urls http://127.0.0.1:5080
await ProviderFakes.RunAsync(args);
