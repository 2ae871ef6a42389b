import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../bot/src/config';

const TENANT = '6f1c2a52-1d8e-4c39-9a51-0d3f4b8a9e21';
const DB = 'postgres://intercambio@db.quillota.cl:5432/intercambio';
const SITE = 'https://quillota.sharepoint.com/sites/intercambio-datos';
const APP = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';

describe('configuration', () => {
  it('local mode by default: no tenant, anonymous bot, .eml outbox under the data folder', () => {
    const c = loadConfig({});
    expect(c.localMode).toBe(true);
    expect(c.bot.appId).toBeUndefined();
    expect(c.mail).toEqual({ from: 'intercambio-datos@quillota.cl', outboxDir: 'data/correo-saliente' });
  });

  it('refuses to start in production mode (a tenant) without bot credentials', () => {
    expect(() => loadConfig({ TENANT_ID: TENANT })).toThrow(ConfigError);
    expect(() => loadConfig({ TENANT_ID: TENANT })).toThrow(
      'MICROSOFT_APP_ID: obligatorio cuando hay un inquilino configurado (TENANT_ID)',
    );
  });

  it('an app id needs a secret or a certificate, and a tenant', () => {
    expect(() => loadConfig({ MICROSOFT_APP_ID: APP })).toThrow(
      /falta MICROSOFT_APP_PASSWORD o el certificado[\s\S]*MICROSOFT_APP_TENANT_ID: requerido/,
    );
  });

  it('with a tenant, requires a PostgreSQL server: the embedded database is for local mode', () => {
    expect(() =>
      loadConfig({ TENANT_ID: TENANT, MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 's', SHAREPOINT_SITE_URL: SITE }),
    ).toThrow('DATABASE_URL: obligatorio con un inquilino (TENANT_ID); la base embebida es solo para el modo local');
  });

  it('accepts a configured single-tenant bot', () => {
    const c = loadConfig({
      TENANT_ID: TENANT,
      MICROSOFT_APP_ID: APP,
      MICROSOFT_APP_PASSWORD: 'secreto',
      SHAREPOINT_SITE_URL: SITE,
      DATABASE_URL: DB,
    });
    expect(c.localMode).toBe(false);
    expect(c.bot).toMatchObject({ appId: APP, password: 'secreto', tenantId: TENANT, appType: 'SingleTenant' });
  });

  describe('Microsoft 365', () => {
    it('uses Graph with a tenant, with the bot registration by default, and says what is missing', () => {
      const c = loadConfig({
        TENANT_ID: TENANT,
        MICROSOFT_APP_ID: APP,
        MICROSOFT_APP_PASSWORD: 'secreto',
        SHAREPOINT_SITE_URL: SITE,
        MAIL_FROM: 'intercambio.datos@quillota.cl',
        DATABASE_URL: DB,
      });
      expect(c.m365).toMatchObject({
        mode: 'graph',
        graph: {
          tenantId: TENANT,
          clientId: APP,
          clientSecret: 'secreto',
          siteUrl: SITE,
          library: 'Convenios de datos',
          mailbox: 'intercambio.datos@quillota.cl',
          baseUrl: 'https://graph.microsoft.com',
          authorityHost: 'https://login.microsoftonline.com',
        },
      });
      expect(() => loadConfig({ TENANT_ID: TENANT, MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 's' })).toThrow(
        /SHAREPOINT_SITE_URL: indique el sitio de SharePoint/,
      );
      expect(() =>
        loadConfig({
          TENANT_ID: TENANT,
          MICROSOFT_APP_ID: APP,
          MICROSOFT_APP_PASSWORD: 's',
          SHAREPOINT_SITE_URL: SITE,
          GRAPH_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
        }),
      ).toThrow(/GRAPH_CLIENT_SECRET: Microsoft Graph necesita un secreto/);
      expect(() => loadConfig({ MICROSOFT_365: 'graph' })).toThrow(/TENANT_ID: obligatorio para usar Microsoft Graph/);
    });

    it('runs on the local stand-ins without a tenant, or when asked to', () => {
      expect(loadConfig({ DATA_DIR: '/srv/datos' }).m365).toEqual({
        mode: 'local',
        documentsDir: '/srv/datos/documentos',
        maxDocumentBytes: 50 * 1024 * 1024,
      });
      const c = loadConfig({
        TENANT_ID: TENANT,
        MICROSOFT_APP_ID: APP,
        MICROSOFT_APP_PASSWORD: 's',
        MICROSOFT_365: 'local',
        DATABASE_URL: DB,
      });
      expect(c.m365.mode).toBe('local');
    });
  });

  it('the tab: SSO audience and keys, Teams app id, build folder (absolute; by default dist/tab of the repository)', () => {
    const c = loadConfig({});
    expect(c.sso).toEqual({ appIdUri: undefined, jwksUrl: undefined });
    expect(c.tab.dir).toBe(join(__dirname, '..', '..', 'dist', 'tab'));
    const set = loadConfig({
      TAB_APP_ID_URI: `api://intercambio.quillota.cl/${APP}`,
      SSO_JWKS_URL: 'https://login.microsoftonline.us/keys',
      TEAMS_APP_ID: APP,
      TAB_DIR: 'build/tab',
    });
    expect(set.sso).toEqual({
      appIdUri: `api://intercambio.quillota.cl/${APP}`,
      jwksUrl: 'https://login.microsoftonline.us/keys',
    });
    expect(set.tab).toEqual({ dir: join(process.cwd(), 'build', 'tab'), teamsAppId: APP });
    expect(() =>
      loadConfig({ TAB_APP_ID_URI: 'https://intercambio.quillota.cl', SSO_JWKS_URL: 'claves', TEAMS_APP_ID: 'x' }),
    ).toThrow(
      /TAB_APP_ID_URI: TAB_APP_ID_URI debe ser un URI de aplicación api:\/\/[\s\S]*SSO_JWKS_URL: SSO_JWKS_URL debe ser una URL[\s\S]*TEAMS_APP_ID: TEAMS_APP_ID debe ser un GUID/,
    );
  });

  it('treats empty variables as unset and reports every problem at once, in Spanish', () => {
    expect(loadConfig({ DATABASE_URL: '', TENANT_ID: '' }).localMode).toBe(true);
    let message = '';
    try {
      loadConfig({ PORT: 'x', MAIL_FROM: 'no-es-correo', MICROSOFT_APP_TYPE: 'Otro' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Configuración inválida:/);
    expect(message).toContain('PORT:');
    expect(message).toContain('MAIL_FROM: MAIL_FROM debe ser un correo');
    expect(message).toContain('MICROSOFT_APP_TYPE:');
  });
});
