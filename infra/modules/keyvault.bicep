// Key Vault for the app's secrets. RBAC only (no access policies). Bicep creates no secrets: the
// post-provision hook does, so no secret value ever passes through a template or parameter file.

@description('Name of the key vault.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region for the key vault.')
param location string

@description('Tags applied to the key vault.')
param tags object

@description('Name of the function app\'s user-assigned managed identity (in this resource group).')
param appIdentityName string

@description('Principal id of the person or pipeline running azd, which writes the secrets; empty for none.')
param adminPrincipalId string

@description('Type of adminPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param adminPrincipalType string

var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

// Referenced by name so role assignment names are known before deployment (stable, what-if friendly).
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource keyVault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
  }
}

// The app reads secrets (Key Vault references resolve with this identity).
resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, appIdentity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

// The signed-in azd user writes secrets in the post-provision hook.
resource adminSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminPrincipalId)) {
  name: guid(keyVault.id, adminPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: keyVault
  properties: {
    principalId: adminPrincipalId
    principalType: adminPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
  }
}

@description('Name of the key vault.')
output name string = keyVault.name

@description('Vault URI, e.g. https://<name>.vault.azure.net/.')
output uri string = keyVault.properties.vaultUri
