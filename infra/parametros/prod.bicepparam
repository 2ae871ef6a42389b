// Production environment, for a deployment without the Agents Toolkit:
//   set -a; . env/.env.prod; . env/.env.prod.user; set +a   (plain-text secrets, see infra/README.md)
//   az deployment group create -g rg-intercambio-prod -f infra/main.bicep -p infra/parametros/prod.bicepparam
// The literal values here must equal those of env/.env.prod (test/unit/infra/consistency.test.ts compares them), so
// both ways of deploying build the same environment. Identities and secrets come from the environment.
using '../main.bicep'

param prefix = 'intercambio'
param environmentName = 'prod'
param tags = {
  proyecto: 'intercambio-de-datos'
  ambiente: 'prod'
  gestion: 'bicepparam'
}

// Entra app registration and Teams app (written by the toolkit's aadApp/create and teamsApp/create).
param tenantId = readEnvironmentVariable('AAD_APP_TENANT_ID')
param botAppId = readEnvironmentVariable('AAD_APP_CLIENT_ID')
param botAppPassword = readEnvironmentVariable('SECRET_AAD_APP_CLIENT_SECRET')
param teamsAppId = readEnvironmentVariable('TEAMS_APP_ID', '')

// Hosting: B2 (2 cores, 3.5 GB); the custom domain is bound by hand first (infra/README.md).
param appServicePlanSku = 'B2'
param customHostName = ''

// Service settings.
param sharePointSiteUrl = 'https://quillota.sharepoint.com/sites/intercambio-datos'
param sharePointLibrary = 'Convenios de datos'
param mailFrom = 'intercambio-datos@quillota.cl'
param mailSender = ''
param ugdtChannelId = readEnvironmentVariable('UGDT_CHANNEL_ID', '')
param logLevel = 'info'
param jobsIntervalMs = 30000
// The municipality's directory, uploaded by hand to the persistent /home share (infra/README.md).
param directoryFile = '/home/site/config/directorio.json'

// PostgreSQL: 35 days of point-in-time backups, geo-redundant; private network only.
// High availability needs the GeneralPurpose tier (e.g. Standard_D2ds_v5) and doubles the compute cost.
param postgresAdminPassword = readEnvironmentVariable('SECRET_POSTGRES_ADMIN_PASSWORD')
param postgresSkuName = 'Standard_B2s'
param postgresSkuTier = 'Burstable'
param postgresStorageSizeGB = 64
param postgresBackupRetentionDays = 35
param postgresGeoRedundantBackup = true
param postgresHighAvailability = 'Disabled'
param networkMode = 'private'

param keyVaultPurgeProtection = true
