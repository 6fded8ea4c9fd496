// PBudget on Azure: what `azd provision` deploys. Resources live in one resource group; each
// concern is a module under modules/. Names come from one token so that an environment's names
// are stable across runs and distinct across subscriptions, environments and regions.
targetScope = 'subscription'

@description('Name of the azd environment; used in the resource group name, the naming token and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region for every resource except the static web app.')
@minLength(1)
param location string

@description('Region for the static web app, which is offered in few regions.')
@allowed([
  'westus2'
  'centralus'
  'eastus2'
  'westeurope'
  'eastasia'
])
param staticWebAppLocation string = 'westeurope'

@description('The host name people use for the site once the council has added it as a custom domain on the static web app (for example pb.example.gov.uk); empty means the static web app\'s own host name. Sign-in redirects, cookies and CORS use it.')
param sitePublicHostName string = ''

@description('Object id of the person or pipeline running azd (AZURE_PRINCIPAL_ID); given Key Vault Secrets Officer so the post-provision hook can write secrets. Empty for none.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('SKU of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Upper bound on Flex Consumption instances of the function app.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Tenant of the staff API app registration; empty means this deployment\'s tenant.')
param staffTenantId string = ''

@description('Client id of the staff API app registration (AzureAd__ClientId). Required: without it nobody can sign in as staff.')
@minLength(1)
param staffApiClientId string

@description('Audience the staff API accepts; empty means api://<staffApiClientId>.')
param staffApiAudience string = ''

@description('Client id of the staff web sign-in app registration; empty turns staff web sign-in off.')
param staffWebClientId string = ''

@description('Authority host of the resident Entra External ID tenant, e.g. https://contoso.ciamlogin.com/.')
param residentInstance string = ''

@description('Resident Entra External ID tenant id.')
param residentTenantId string = ''

@description('Client id of the resident API app registration; empty turns resident tokens off.')
param residentApiClientId string = ''

@description('Client id of the resident web sign-in app registration; empty turns resident web sign-in off.')
param residentWebClientId string = ''

@description('GOV.UK Notify email template id for notifications. Required: the app does not start without somewhere to send email.')
@minLength(1)
param notifyEmailTemplateId string

// The app's tables and queues; they must match functions/PBudget.Functions/Storage/StorageNames.cs
// (tests/PBudget.Infrastructure.Tests reads these two variables from the compiled template).
var storageTables = ['Schemes', 'Ballots', 'Postcodes', 'DataProtectionKeys']
var storageQueues = ['publish', 'notifications']

// 'site' holds the published public site (private: the app serves it); 'app-package' holds the
// Flex Consumption deployment package.
var siteContainerName = 'site'
var deploymentContainerName = 'app-package'

// Secrets the post-provision hook writes; Bicep only refers to them by name.
var keyVaultSecretNames = {
  voterKey: 'voter-key-secret'
  notifyApiKey: 'notify-api-key'
  staffSignInClientSecret: 'staff-signin-client-secret'
  residentSignInClientSecret: 'resident-signin-client-secret'
}

// An empty audience means the staff API's conventional app ID URI, api://<client id>.
var staffAudience = !empty(staffApiAudience)
  ? staffApiAudience
  : (empty(staffApiClientId) ? '' : 'api://${staffApiClientId}')

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var names = {
  resourceGroup: 'rg-${environmentName}'
  storageAccount: 'st${resourceToken}'
  identity: 'id-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  staticWebApp: 'stapp-${resourceToken}'
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: names.storageAccount
    location: location
    tags: tags
    skuName: storageSkuName
    tables: storageTables
    queues: storageQueues
    containers: [siteContainerName, deploymentContainerName]
    appIdentityName: names.identity
  }
  dependsOn: [identity]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    appIdentityName: names.identity
  }
  dependsOn: [identity]
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: names.keyVault
    location: location
    tags: tags
    appIdentityName: names.identity
    adminPrincipalId: principalId
    adminPrincipalType: principalType
  }
  dependsOn: [identity]
}

module staticWebApp 'modules/staticwebapp.bicep' = {
  name: 'staticwebapp'
  scope: resourceGroup
  params: {
    name: names.staticWebApp
    location: staticWebAppLocation
    tags: union(tags, { 'azd-service-name': 'web' })
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: resourceGroup
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    appTags: union(tags, { 'azd-service-name': 'api' })
    identityName: names.identity
    storageAccountName: names.storageAccount
    deploymentContainerName: deploymentContainerName
    siteContainerName: siteContainerName
    applicationInsightsName: names.applicationInsights
    keyVaultName: names.keyVault
    secretNames: keyVaultSecretNames
    siteOrigin: 'https://${empty(sitePublicHostName) ? staticWebApp.outputs.defaultHostname : sitePublicHostName}'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: 2048
    staffTenantId: empty(staffTenantId) ? tenant().tenantId : staffTenantId
    staffApiClientId: staffApiClientId
    staffApiAudience: staffAudience
    staffWebClientId: staffWebClientId
    residentInstance: residentInstance
    residentTenantId: residentTenantId
    residentApiClientId: residentApiClientId
    residentWebClientId: residentWebClientId
    notifyEmailTemplateId: notifyEmailTemplateId
  }
  // Storage, monitoring and Key Vault, with their role assignments, must exist before the app
  // starts: the host needs its storage and the settings hold Key Vault references.
  dependsOn: [identity, storage, monitoring, keyVault]
}

// /api/* on the site's origin goes to the function app.
module staticWebAppBackend 'modules/staticwebapp-backend.bicep' = {
  name: 'staticwebapp-backend'
  scope: resourceGroup
  params: {
    staticWebAppName: names.staticWebApp
    functionAppName: names.functionApp
    functionAppLocation: location
  }
  dependsOn: [staticWebApp, functionApp]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STATIC_WEB_APP_NAME string = staticWebApp.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output SITE_URL string = 'https://${empty(sitePublicHostName) ? staticWebApp.outputs.defaultHostname : sitePublicHostName}'
output API_URL string = 'https://${functionApp.outputs.defaultHostname}'
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
