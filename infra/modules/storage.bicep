// The one storage account: app data (tables, queues, the published site) and the Functions host
// (AzureWebJobsStorage, Flex deployment package). Shared keys are off; only Entra identities get in.

@description('Name of the storage account.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region for the storage account.')
param location string

@description('Tags applied to the storage account.')
param tags object

@description('Storage account SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param skuName string

@description('Tables the app uses.')
param tables string[]

@description('Queues the app uses; each also gets its <queue>-poison twin.')
param queues string[]

@description('Blob containers to create (all private).')
param containers string[]

@description('Name of the function app\'s user-assigned managed identity (in this resource group).')
param appIdentityName string

// Built-in roles, the least the app needs; no Storage Account Contributor, no keys.
// Blob Data Owner, not Contributor: it is the role Microsoft documents for an identity-based
// AzureWebJobsStorage (the host manages its own containers, blobs and leases) and uses in its Flex
// Consumption samples. The same role covers the deployment package and publishing the site.
var roleDefinitionIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

// The Functions host moves a message that failed every retry to <queue>-poison; create it up front.
var allQueues = flatten(map(queues, queue => [queue, '${queue}-poison']))

// Referenced by name so role assignment names are known before deployment (stable, what-if friendly).
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-08-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-08-01' = {
  parent: storageAccount
  name: 'default'
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-08-01' = [
  for container in containers: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-08-01' = {
  parent: storageAccount
  name: 'default'
}

resource storageTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-08-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-08-01' = {
  parent: storageAccount
  name: 'default'
}

resource storageQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-08-01' = [
  for queue in allQueues: {
    parent: queueService
    name: queue
  }
]

resource appRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roleDefinitionIds): {
    name: guid(storageAccount.id, appIdentity.id, role.value)
    scope: storageAccount
    properties: {
      principalId: appIdentity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

@description('Name of the storage account.')
output name string = storageAccount.name
