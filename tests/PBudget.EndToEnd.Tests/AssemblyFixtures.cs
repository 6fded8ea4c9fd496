using PBudget.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
