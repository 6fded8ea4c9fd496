// Links the function app as the static web app's /api backend, so the site's pages and the app's
// forms share one origin. A separate module because the function app needs the site's host name
// first (CORS, Site__PublicOrigin), and the link needs the function app.

@description('Name of the existing static web app.')
param staticWebAppName string

@description('Name of the existing function app to link.')
param functionAppName string

@description('Region of the function app.')
param functionAppLocation string

resource staticWebApp 'Microsoft.Web/staticSites@2025-03-01' existing = {
  name: staticWebAppName
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2025-03-01' = {
  parent: staticWebApp
  name: 'api'
  properties: {
    backendResourceId: functionApp.id
    region: functionAppLocation
  }
}
