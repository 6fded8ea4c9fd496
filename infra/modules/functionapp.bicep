// The API: an ASP.NET Core app run as an Azure Functions custom handler on a Flex Consumption plan.
// Everything it reaches (storage, Key Vault, Application Insights) it reaches as its user-assigned
// identity; no keys or connection secrets appear in its settings.

@description('Names of the Key Vault secrets the app reads, one per setting that needs a secret.')
type secretNamesType = {
  @description('Secret behind Voting__VoterKeySecret.')
  voterKey: string
  @description('GOV.UK Notify API key.')
  notifyApiKey: string
  @description('Client secret of the staff web sign-in app registration.')
  staffSignInClientSecret: string
  @description('Client secret of the resident web sign-in app registration.')
  residentSignInClientSecret: string
}

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region for the plan and the app.')
param location string

@description('Tags applied to the plan.')
param tags object

@description('Tags applied to the function app, including azd-service-name.')
param appTags object

@description('Name of the user-assigned managed identity the app runs as (in this resource group).')
param identityName string

@description('Name of the storage account for data and for the Functions host.')
param storageAccountName string

@description('Blob container holding the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Blob container the app publishes the public site to.')
param siteContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the key vault holding the app\'s secrets.')
param keyVaultName string

@description('Names of the app\'s secrets in the key vault.')
param secretNames secretNamesType

@description('Public origin of the site (https://<static web app host>), which also serves /api.')
param siteOrigin string

@description('Upper bound on Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Tenant of the staff API app registration.')
param staffTenantId string

@description('Client id of the staff API app registration.')
param staffApiClientId string

@description('Audience the staff API accepts.')
param staffApiAudience string

@description('Client id of the staff web sign-in app registration; empty turns staff web sign-in off.')
param staffWebClientId string

@description('Authority host of the resident (External ID) tenant, e.g. https://contoso.ciamlogin.com/.')
param residentInstance string

@description('Resident (External ID) tenant id.')
param residentTenantId string

@description('Client id of the resident API app registration; empty turns resident tokens off.')
param residentApiClientId string

@description('Client id of the resident web sign-in app registration; empty turns resident web sign-in off.')
param residentWebClientId string

@description('GOV.UK Notify email template id.')
param notifyEmailTemplateId string

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-08-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Key Vault references, resolved by the platform with keyVaultReferenceIdentity.
var secretReferences = toObject(
  items(secretNames),
  secret => secret.key,
  secret => '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secret.value})'
)

var loginEndpoint = environment().authentication.loginEndpoint

var baseSettings = {
  // Host storage, identity-based (no connection string).
  AzureWebJobsStorage__accountName: storageAccount.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: appIdentity.properties.clientId
  // The app's data, and the queue trigger's connection named "Storage".
  Storage__tableServiceUri: storageAccount.properties.primaryEndpoints.table
  Storage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
  Storage__credential: 'managedidentity'
  Storage__clientId: appIdentity.properties.clientId
  // DefaultAzureCredential picks the user-assigned identity with this.
  AZURE_CLIENT_ID: appIdentity.properties.clientId
  // Local auth is off on the component, so telemetry is sent with an Entra token.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${appIdentity.properties.clientId};Authorization=AAD'
  Publishing__BlobServiceUri: storageAccount.properties.primaryEndpoints.blob
  Publishing__ContainerName: siteContainerName
  Site__PublicOrigin: siteOrigin
  AzureAd__Instance: loginEndpoint
  AzureAd__TenantId: staffTenantId
  AzureAd__ClientId: staffApiClientId
  AzureAd__Audience: staffApiAudience
  Voting__VoterKeySecret: secretReferences.voterKey
  Notifications__GovukNotify__ApiKey: secretReferences.notifyApiKey
  Notifications__GovukNotify__EmailTemplateId: notifyEmailTemplateId
}

// Each sign-in feature is on only when its client id is set, so its settings are left out otherwise.
var staffSignInSettings = empty(staffWebClientId)
  ? {}
  : {
      StaffSignIn__Instance: loginEndpoint
      StaffSignIn__TenantId: staffTenantId
      StaffSignIn__ClientId: staffWebClientId
      StaffSignIn__ClientSecret: secretReferences.staffSignInClientSecret
    }

var residentTokenSettings = empty(residentApiClientId)
  ? {}
  : {
      ExternalId__Instance: residentInstance
      ExternalId__TenantId: residentTenantId
      ExternalId__ClientId: residentApiClientId
    }

var residentSignInSettings = empty(residentWebClientId)
  ? {}
  : {
      ResidentSignIn__Instance: residentInstance
      ResidentSignIn__TenantId: residentTenantId
      ResidentSignIn__ClientId: residentWebClientId
      ResidentSignIn__ClientSecret: secretReferences.residentSignInClientSecret
    }

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: appTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${appIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: appIdentity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: {
        allowedOrigins: [
          siteOrigin
        ]
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: appIdentity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // The app is a self-contained linux-x64 ASP.NET Core executable behind the custom handler.
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(baseSettings, staffSignInSettings, residentTokenSettings, residentSignInSettings)
}

@description('Name of the function app.')
output name string = functionApp.name

@description('Default host name, e.g. <name>.azurewebsites.net.')
output defaultHostname string = functionApp.properties.defaultHostName
