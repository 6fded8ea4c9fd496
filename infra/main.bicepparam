// Values come from the azd environment (.azure/<env>/.env), which azd exports before it compiles this.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'pbudget')
param location = readEnvironmentVariable('AZURE_LOCATION', 'uksouth')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')
param staticWebAppLocation = readEnvironmentVariable('AZURE_STATIC_WEB_APP_LOCATION', 'westeurope')
param sitePublicHostName = readEnvironmentVariable('SITE_PUBLIC_HOST_NAME', '')

// Entra app registrations: ids only. Client secrets go into Key Vault, never here.
param staffTenantId = readEnvironmentVariable('ENTRA_STAFF_TENANT_ID', '')
// Required (this one and the Notify template id): no default, so provisioning stops before anything is made.
param staffApiClientId = readEnvironmentVariable('ENTRA_STAFF_API_CLIENT_ID')
param staffApiAudience = readEnvironmentVariable('ENTRA_STAFF_API_AUDIENCE', '')
param staffWebClientId = readEnvironmentVariable('ENTRA_STAFF_WEB_CLIENT_ID', '')
param residentInstance = readEnvironmentVariable('ENTRA_RESIDENT_INSTANCE', '')
param residentTenantId = readEnvironmentVariable('ENTRA_RESIDENT_TENANT_ID', '')
param residentApiClientId = readEnvironmentVariable('ENTRA_RESIDENT_API_CLIENT_ID', '')
param residentWebClientId = readEnvironmentVariable('ENTRA_RESIDENT_WEB_CLIENT_ID', '')

// Required: the app does not start without somewhere to send email.
param notifyEmailTemplateId = readEnvironmentVariable('GOVUK_NOTIFY_EMAIL_TEMPLATE_ID')
