using PBudget.Testing;

// One Azurite, on free ports and in memory, for the whole test assembly; each test isolates its data with
// its own StorageOptions.NamePrefix.
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
