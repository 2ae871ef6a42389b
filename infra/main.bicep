// Intercambio de Datos: Azure infrastructure for one environment (dev, prod…) in one resource group.
//
// App Service (Linux, Node 22 LTS; Node 20 allowed) running the service (bot + REST API + tab), Azure Bot (single tenant, Teams channel),
// Azure Database for PostgreSQL flexible server, Key Vault (RBAC) holding the secrets the web app reads through Key
// Vault references, Application Insights on a Log Analytics workspace, diagnostic settings, and a user-assigned
// managed identity for the web app.
//
// Deployed by the Microsoft 365 Agents Toolkit (m365agents.yml → arm/deploy with infra/azure.parameters.json) or by
// hand: az deployment group create -g <rg> -f infra/main.bicep -p infra/parametros/prod.bicepparam
// Outputs are UPPER_SNAKE on purpose: the toolkit writes each output to env/.env.<env> under its name upper-cased.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------
// Naming and placement
// ---------------------------------------------------------------------------------------------------------------

@description('Short prefix of every resource name: lowercase letters and digits only.')
@minLength(3)
@maxLength(12)
param prefix string = 'intercambio'

@description('Environment name (dev, prod…): part of every resource name.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region of every regional resource; the resource group region by default.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

// ---------------------------------------------------------------------------------------------------------------
// Microsoft Entra ID and Teams
// ---------------------------------------------------------------------------------------------------------------

@description('Entra ID tenant of the municipality (Teams, SharePoint, Exchange Online): TENANT_ID and the bot tenant.')
param tenantId string = tenant().tenantId

@description('Client id of the single-tenant Entra app registration shared by the bot, the tab SSO and Microsoft Graph.')
param botAppId string

@secure()
@description('Client secret of that app registration. Stored in Key Vault; the web app reads it by a Key Vault reference.')
param botAppPassword string

@description('Teams app id (the manifest id), given to the tab for deep links. Empty: not set.')
param teamsAppId string = ''

// ---------------------------------------------------------------------------------------------------------------
// Hosting
// ---------------------------------------------------------------------------------------------------------------

@description('App Service plan SKU (Linux). Basic or above: Always On and VNet integration need it.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServicePlanSku string = 'B1'

@description('Linux runtime stack of the web app (package.json engines: Node ^20.19 || ^22.12). Node 22 LTS by default; Node 20 is past its end of life and kept only as a fallback.')
@allowed([
  'NODE|22-lts'
  'NODE|20-lts'
])
param linuxFxVersion string = 'NODE|22-lts'

@description('Startup command, run in /home/site/wwwroot (the same as npm start).')
param startupCommand string = 'node dist/bot/src/main.js'

@description('Custom host name already bound to the web app with its certificate (e.g. intercambio.quillota.cl). Empty: the default azurewebsites.net host name.')
param customHostName string = ''

// ---------------------------------------------------------------------------------------------------------------
// Service settings (names of bot/src/config.ts in the comments)
// ---------------------------------------------------------------------------------------------------------------

@description('SHAREPOINT_SITE_URL: the SharePoint site of the convenio documents (created by hand, see infra/README.md).')
param sharePointSiteUrl string

@description('SHAREPOINT_LIBRARY: display name of its document library.')
param sharePointLibrary string = 'Convenios de datos'

@description('SHAREPOINT_DELIVERIES_LIBRARY: the restricted library of delivered files (no inherited permissions).')
param sharePointDeliveriesLibrary string = 'Entregas de datos'

@description('MAIL_FROM: sender of the mail copies.')
param mailFrom string = 'intercambio-datos@quillota.cl'

@description('MAIL_SENDER: mailbox (UPN) sendMail uses; empty means MAIL_FROM.')
param mailSender string = ''

@description('UGDT_CHANNEL_ID: conversation id of the UGDT team channel; empty: no channel copies.')
param ugdtChannelId string = ''

@description('LOG_LEVEL of the service.')
@allowed([
  'debug'
  'info'
  'warn'
  'error'
])
param logLevel string = 'info'

@description('JOBS_INTERVAL_MS: how often each instance fires due timers and delivers the outbox.')
@minValue(0)
param jobsIntervalMs int = 30000

@description('DIRECTORY_FILE: units, people, roles and subrogancias. In production a file of the municipality kept outside the package, e.g. /home/site/config/directorio.json.')
param directoryFile string

@description('PROTOCOL_SETTINGS_FILE; empty: the protocol defaults.')
param protocolSettingsFile string = ''

@description('HOLIDAY_OVERRIDES_FILE; empty: date-holidays as it is.')
param holidayOverridesFile string = ''

@description('DATABASE_POOL_SIZE: PostgreSQL connections per instance.')
@minValue(1)
@maxValue(100)
param databasePoolSize int = 10

// ---------------------------------------------------------------------------------------------------------------
// Azure Bot
// ---------------------------------------------------------------------------------------------------------------

@description('Azure Bot SKU. Teams is a standard channel: F0 has no message limit for it.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Display name of the Azure Bot resource.')
param botDisplayName string = 'Intercambio de Datos'

// ---------------------------------------------------------------------------------------------------------------
// Azure Database for PostgreSQL flexible server
// ---------------------------------------------------------------------------------------------------------------

@description('Administrator login of the server; the service connects with it (DATABASE_URL).')
param postgresAdminLogin string = 'intercambio_admin'

@secure()
@description('Administrator password. Stored in Key Vault (alone and inside DATABASE_URL). No double quotes or backslashes (the toolkit writes it into JSON).')
@minLength(12)
param postgresAdminPassword string

@description('Compute SKU, e.g. Standard_B1ms (Burstable), Standard_D2ds_v5 (GeneralPurpose).')
param postgresSkuName string = 'Standard_B1ms'

@description('Tier of that SKU. High availability needs GeneralPurpose or MemoryOptimized.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('Storage in GiB (grows automatically).')
@allowed([
  32
  64
  128
  256
  512
])
param postgresStorageSizeGB int = 32

@description('Days of point-in-time backups kept.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 7

@description('Geo-redundant backups (fixed at creation; the region must have a paired region).')
param postgresGeoRedundantBackup bool = false

@description('High availability: Disabled on Burstable.')
@allowed([
  'Disabled'
  'SameZone'
  'ZoneRedundant'
])
param postgresHighAvailability string = 'Disabled'

// ---------------------------------------------------------------------------------------------------------------
// Network
// ---------------------------------------------------------------------------------------------------------------

@description('public: the server accepts connections from Azure services (firewall rule 0.0.0.0), password and TLS required. private: a VNet, the server in a delegated subnet with a private DNS zone, the web app integrated in the VNet; no public access.')
@allowed([
  'public'
  'private'
])
param networkMode string = 'public'

@description('Address space of the VNet (private mode).')
param vnetAddressPrefix string = '10.60.0.0/16'

@description('Subnet of the web app VNet integration (private mode).')
param appSubnetPrefix string = '10.60.1.0/24'

@description('Subnet delegated to PostgreSQL (private mode).')
param postgresSubnetPrefix string = '10.60.2.0/24'

// ---------------------------------------------------------------------------------------------------------------
// Key Vault and monitoring
// ---------------------------------------------------------------------------------------------------------------

@description('Purge protection of the vault. Once on it cannot be turned off, and a deleted vault name stays taken for the retention period.')
param keyVaultPurgeProtection bool = true

@description('Soft-delete retention of the vault, in days (fixed at creation).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionDays int = 90

@description('Retention of the Log Analytics workspace, in days.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

// ---------------------------------------------------------------------------------------------------------------
// Names and constants
// ---------------------------------------------------------------------------------------------------------------

var baseName = toLower('${prefix}-${environmentName}')
var suffix = take(uniqueString(subscription().id, resourceGroup().id, prefix, environmentName), 6)
var names = {
  identity: 'id-${baseName}'
  logs: 'log-${baseName}'
  appInsights: 'appi-${baseName}'
  keyVault: 'kv-${take(toLower(prefix), 8)}-${take(toLower(environmentName), 4)}-${suffix}'
  plan: 'asp-${baseName}'
  webApp: 'app-${baseName}-${suffix}'
  bot: 'bot-${baseName}-${suffix}'
  postgres: 'psql-${baseName}-${suffix}'
  vnet: 'vnet-${baseName}'
}
var databaseName = 'intercambio'
var privateNetworking = networkMode == 'private'
var appSubnetName = 'snet-app'
var postgresSubnetName = 'snet-postgres'
var appSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', names.vnet, appSubnetName)
var postgresSubnetId = resourceId('Microsoft.Network/virtualNetworks/subnets', names.vnet, postgresSubnetName)
var postgresDnsZoneName = '${names.postgres}.private.postgres.database.azure.com'
var postgresPrivateNetwork = {
  publicNetworkAccess: 'Disabled'
  delegatedSubnetResourceId: postgresSubnetId
  privateDnsZoneArmResourceId: resourceId('Microsoft.Network/privateDnsZones', postgresDnsZoneName)
}
var postgresPublicNetwork = {
  publicNetworkAccess: 'Enabled'
}
// Built-in role "Key Vault Secrets User": read secret contents.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------------------------------------------------------
// Identity and monitoring
// ---------------------------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.logs
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.appInsights
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Key Vault: RBAC, soft delete, purge protection; the web app identity may read secrets
// ---------------------------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.keyVault
  location: location
  tags: tags
  properties: {
    // The vault belongs to the tenant of the subscription, which may differ from the Microsoft 365 tenant.
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionDays
    // false is not accepted once enabled: leave the property out instead.
    enablePurgeProtection: keyVaultPurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'microsoft-app-password'
  properties: {
    value: botAppPassword
    contentType: 'Entra ID client secret (MICROSOFT_APP_PASSWORD)'
  }
}

resource postgresPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'postgres-admin-password'
  properties: {
    value: postgresAdminPassword
    contentType: 'PostgreSQL administrator password'
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: {
    // sslmode=verify-full: TLS with the certificate and host name checked (pg treats require as verify-full anyway).
    value: 'postgresql://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'
    contentType: 'PostgreSQL connection string (DATABASE_URL)'
  }
}

resource secretsUserAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diag-log-analytics'
  scope: keyVault
  properties: {
    workspaceId: logs.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Network (private mode only)
// ---------------------------------------------------------------------------------------------------------------

resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = if (privateNetworking) {
  name: names.vnet
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnetAddressPrefix
      ]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: postgresSubnetName
        properties: {
          addressPrefix: postgresSubnetPrefix
          delegations: [
            {
              name: 'postgres-flexible'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
    ]
  }
}

resource postgresDnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' = if (privateNetworking) {
  name: postgresDnsZoneName
  location: 'global'
  tags: tags
}

resource postgresDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = if (privateNetworking) {
  parent: postgresDnsZone
  name: 'link-${names.vnet}'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: resourceId('Microsoft.Network/virtualNetworks', names.vnet)
    }
  }
  dependsOn: [
    vnet
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// Azure Database for PostgreSQL flexible server, version 16, database "intercambio"
// ---------------------------------------------------------------------------------------------------------------

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: names.postgres
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
    storage: {
      storageSizeGB: postgresStorageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: postgresGeoRedundantBackup ? 'Enabled' : 'Disabled'
    }
    highAvailability: {
      mode: postgresHighAvailability
    }
    network: privateNetworking ? postgresPrivateNetwork : postgresPublicNetwork
  }
  dependsOn: [
    // The delegated subnet and the linked DNS zone must exist before a private server is created.
    vnet
    postgresDnsLink
  ]
}

resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (!privateNetworking) {
  parent: postgres
  // 0.0.0.0–0.0.0.0 is the documented rule for "Allow public access from any Azure service".
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    // One operation at a time on the server: it refuses concurrent changes.
    postgresAllowAzure
  ]
}

resource postgresDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diag-log-analytics'
  scope: postgres
  properties: {
    workspaceId: logs.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// App Service: Linux plan and the web app
// ---------------------------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: names.webApp
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identity.id
    virtualNetworkSubnetId: privateNetworking ? appSubnetId : null
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      appCommandLine: startupCommand
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      // Only private (RFC 1918) traffic goes through the VNet: PostgreSQL. Graph, Bot Framework, Key Vault and
      // Application Insights keep the app's own outbound path, so the subnet needs no NAT gateway.
      vnetRouteAllEnabled: false
    }
  }
  dependsOn: [
    vnet
  ]
}

var publicHostName = empty(customHostName) ? webApp.properties.defaultHostName : customHostName
var publicUrl = 'https://${publicHostName}'
// Must equal identifierUris of infra/aad.manifest.json (api://<host>/<client id>) and webApplicationInfo.resource.
var tabAppIdUri = 'api://${publicHostName}/${botAppId}'

// Every app setting is either a variable of bot/src/config.ts or a platform setting (checked by
// test/unit/infra/consistency.test.ts). An empty value means "not set" to the service.
resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    // Read by the service (bot/src/config.ts). PORT is set by App Service itself.
    PUBLIC_URL: publicUrl
    DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})'
    DATABASE_POOL_SIZE: string(databasePoolSize)
    TENANT_ID: tenantId
    DIRECTORY_FILE: directoryFile
    PROTOCOL_SETTINGS_FILE: protocolSettingsFile
    HOLIDAY_OVERRIDES_FILE: holidayOverridesFile
    JOBS_INTERVAL_MS: string(jobsIntervalMs)
    LOG_LEVEL: logLevel
    MICROSOFT_APP_ID: botAppId
    MICROSOFT_APP_PASSWORD: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
    MICROSOFT_APP_TENANT_ID: tenantId
    MICROSOFT_APP_TYPE: 'SingleTenant'
    UGDT_CHANNEL_ID: ugdtChannelId
    MAIL_FROM: mailFrom
    MAIL_SENDER: mailSender
    TAB_APP_ID_URI: tabAppIdUri
    TEAMS_APP_ID: teamsAppId
    MICROSOFT_365: 'graph'
    SHAREPOINT_SITE_URL: sharePointSiteUrl
    SHAREPOINT_LIBRARY: sharePointLibrary
    SHAREPOINT_DELIVERIES_LIBRARY: sharePointDeliveriesLibrary
    // The service exports its own traces and metrics (OpenTelemetry); App Service's agent stays off so nothing is
    // sent twice.
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    // Platform settings, not read by the service.
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  }
  dependsOn: [
    // The identity must be able to read the secrets before the references are resolved.
    secretsUserAssignment
  ]
}

// No FTP publishing. SCM basic credentials stay on: the toolkit's azureAppService/zipDeploy uses them.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: true
  }
}

resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diag-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        // The service writes one JSON line per event on stdout.
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
      {
        category: 'AppServiceAuditLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Azure Bot: single tenant, messaging endpoint on the web app, Teams channel
// ---------------------------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: '${publicUrl}/api/messages'
    msaAppId: botAppId
    msaAppTenantId: tenantId
    msaAppType: 'SingleTenant'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs (the toolkit writes them to env/.env.<env> as they are named here)
// ---------------------------------------------------------------------------------------------------------------

output WEB_APP_NAME string = webApp.name
output WEB_APP_RESOURCE_ID string = webApp.id
output WEB_APP_HOST_NAME string = webApp.properties.defaultHostName
output PUBLIC_HOST_NAME string = publicHostName
output PUBLIC_URL string = publicUrl
output TAB_APP_ID_URI string = tabAppIdUri
output BOT_ID string = botAppId
output BOT_SERVICE_NAME string = bot.name
output BOT_ENDPOINT string = bot.properties.endpoint
output KEY_VAULT_NAME string = keyVault.name
output KEY_VAULT_URI string = keyVault.properties.vaultUri
output POSTGRES_SERVER_NAME string = postgres.name
output POSTGRES_HOST string = postgres.properties.fullyQualifiedDomainName
output POSTGRES_DATABASE string = database.name
output APP_INSIGHTS_CONNECTION_STRING string = appInsights.properties.ConnectionString
output LOG_ANALYTICS_WORKSPACE_ID string = logs.id
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
