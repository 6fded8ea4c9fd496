// The public site's host. Standard SKU because linking a function app as the /api backend needs it.

@description('Name of the static web app.')
param name string

@description('Azure region for the static web app (offered in few regions).')
param location string

@description('Tags applied to the static web app, including azd-service-name.')
param tags object

resource staticWebApp 'Microsoft.Web/staticSites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // Deployed by azd with the deployment token, not from a linked repository.
    provider: 'Custom'
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
    publicNetworkAccess: 'Enabled'
  }
}

@description('Name of the static web app.')
output name string = staticWebApp.name

@description('Default host name, e.g. <words>.azurestaticapps.net.')
output defaultHostname string = staticWebApp.properties.defaultHostname
