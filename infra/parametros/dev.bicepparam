// Development environment, for a deployment without the Agents Toolkit:
//   set -a; . env/.env.dev; . env/.env.dev.user; set +a   (plain-text secrets, see infra/README.md)
//   az deployment group create -g rg-intercambio-dev -f infra/main.bicep -p infra/parametros/dev.bicepparam
// The literal values here must equal those of env/.env.dev (test/unit/infra/consistency.test.ts compares them), so
// both ways of deploying build the same environment. Identities and secrets come from the environment.
using '../main.bicep'

param prefix = 'intercambio'
param environmentName = 'dev'
param tags = {
  proyecto: 'intercambio-de-datos'
  ambiente: 'dev'
  gestion: 'bicepparam'
}

// Entra app registration and Teams app (written by the toolkit's aadApp/create and teamsApp/create).
param tenantId = readEnvironmentVariable('AAD_APP_TENANT_ID')
param botAppId = readEnvironmentVariable('AAD_APP_CLIENT_ID')
param botAppPassword = readEnvironmentVariable('SECRET_AAD_APP_CLIENT_SECRET')
param teamsAppId = readEnvironmentVariable('TEAMS_APP_ID', '')

// Hosting.
param appServicePlanSku = 'B1'
param customHostName = ''

// Service settings.
param sharePointSiteUrl = 'https://quillota.sharepoint.com/sites/intercambio-datos-pruebas'
param sharePointLibrary = 'Convenios de datos'
param mailFrom = 'intercambio-datos-pruebas@quillota.cl'
param mailSender = ''
param ugdtChannelId = readEnvironmentVariable('UGDT_CHANNEL_ID', '')
param logLevel = 'debug'
param jobsIntervalMs = 30000
// The local personas, so that a fresh environment starts; replace with the municipality's file (infra/README.md).
param directoryFile = 'config/directory.local.json'

// PostgreSQL: the smallest server, public access from Azure services only.
param postgresAdminPassword = readEnvironmentVariable('SECRET_POSTGRES_ADMIN_PASSWORD')
param postgresSkuName = 'Standard_B1ms'
param postgresSkuTier = 'Burstable'
param postgresStorageSizeGB = 32
param postgresBackupRetentionDays = 7
param postgresGeoRedundantBackup = false
param postgresHighAvailability = 'Disabled'
param networkMode = 'public'

// A development vault may be deleted and purged.
param keyVaultPurgeProtection = false
