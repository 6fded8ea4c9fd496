// The function app's user-assigned identity. User-assigned (not system-assigned) so role
// assignments can be made before the app exists and the host can name it by client id.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region for the identity.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Client (application) id; the app and the Functions host select the identity with it.')
output clientId string = identity.properties.clientId

@description('Object id of the identity\'s service principal, for role assignments.')
output principalId string = identity.properties.principalId
