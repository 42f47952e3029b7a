namespace Herald.Tests.Delivery;

/// <summary>The restart tests run after the others, on their own: they start and kill real Herald processes under load.</summary>
[CollectionDefinition(nameof(DeliveryRestartTests), DisableParallelization = true)]
public sealed class DeliveryRestartTestsRunAlone;
