import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { MANIFEST_FILE, validateZip } from '../../../bot/src/package/build-package';
import { ACCENT_COLOR, drawColorIcon, drawOutlineIcon } from '../../../bot/src/package/draw-icons';
import { localizableStrings } from '../../../bot/src/package/localization-check';
import { manifestDir } from '../../../bot/src/package/paths';
import { parseTextCommand } from '../../../bot/src/teams/text-commands';
import { BOARD_ENTITY_ID } from '../../../bot/src/cards/card-context';
import { CONFIG, build, enJson, getAt, sources } from './fixtures';

// Building a package compiles the 130 KB manifest schema with Ajv: seconds on a runner busy with other test files.
jest.setTimeout(30_000);

describe('the Teams app package built from manifest/', () => {
  it('validates and zips exactly manifest.json, en.json and the two icons, all at the root', async () => {
    const { zip, problems } = await build();
    expect(problems).toEqual([]);
    const z = await JSZip.loadAsync(zip!);
    expect(Object.keys(z.files).sort()).toEqual(['color.png', 'en.json', MANIFEST_FILE, 'outline.png']);
    expect(Object.values(z.files).some((f) => f.dir)).toBe(false);
    // What Teams reads is the zip itself: it passes the same checks read back.
    expect(await validateZip(zip!)).toEqual([]);
  });

  it('fills the ids, the URLs and the version from the configuration', async () => {
    const { zip } = await build();
    const z = await JSZip.loadAsync(zip!);
    const m = JSON.parse(await z.file(MANIFEST_FILE)!.async('string'));
    expect(JSON.stringify(m)).not.toContain('${{');
    expect(m.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    expect(m.manifestVersion).toBe('1.30');
    expect(m.id).toBe(CONFIG.teamsAppId);
    expect(m.version).toBe(JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')).version);
    expect(m.bots[0].botId).toBe(CONFIG.botAppId);
    expect(m.webApplicationInfo).toEqual({ id: CONFIG.botAppId, resource: CONFIG.tabAppIdUri });
    expect(m.validDomains).toEqual(['datos.quillota.cl']);
    expect(m.developer.websiteUrl).toBe('https://datos.quillota.cl/tab');
    expect(m.configurableTabs).toEqual([
      expect.objectContaining({
        configurationUrl: 'https://datos.quillota.cl/tab/configurar',
        canUpdateConfiguration: true,
        scopes: ['team', 'groupChat'],
      }),
    ]);
  });

  it('has the Tablero tab under the entityId that deep links from cards open, and Mis pendientes', async () => {
    const { manifest } = await build();
    const tabs = getAt(manifest, '/staticTabs') as { entityId: string; name?: string; contentUrl?: string }[];
    expect(BOARD_ENTITY_ID).toBe('tablero');
    expect(tabs.find((t) => t.entityId === BOARD_ENTITY_ID)).toMatchObject({
      name: 'Tablero',
      // Teams fills {theme}: the page's first paint already has the host's colours (issue 14 §11).
      contentUrl: 'https://datos.quillota.cl/tab?tema={theme}',
      scopes: ['personal'],
    });
    expect(tabs.find((t) => t.entityId === 'pendientes')).toMatchObject({
      name: 'Mis pendientes',
      contentUrl: 'https://datos.quillota.cl/tab/pendientes?tema={theme}',
    });
    expect(tabs.map((t) => t.entityId)).toEqual(['tablero', 'pendientes', 'conversations', 'about']);
  });

  it('speaks Spanish (Chile) by default, with English in en.json for every localizable string', async () => {
    const { manifest } = await build();
    expect(getAt(manifest, '/localizationInfo')).toEqual({
      defaultLanguageTag: 'es-cl',
      additionalLanguages: [{ languageTag: 'en', file: 'en.json' }],
    });
    expect(getAt(manifest, '/name/short')).toBe('Intercambio de Datos');
    const en = enJson(sources());
    expect(en.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.Localization.schema.json',
    );
    expect(
      Object.keys(en)
        .filter((k) => k !== '$schema')
        .sort(),
    ).toEqual([...localizableStrings(manifest).keys()].sort());
    expect(en['staticTabs[0].name']).toBe('Board');
  });

  it('offers in each scope menu only commands the bot parses; lists and search only in personal chat', async () => {
    const { manifest } = await build();
    const lists = getAt(manifest, '/bots/0/commandLists') as { scopes: string[]; commands: { title: string }[] }[];
    const verbs = (scope: string) =>
      lists
        .find((l) => l.scopes.includes(scope))!
        .commands.map((c) => parseTextCommand(c.title === 'buscar' ? 'buscar SOL-2026-0001' : c.title).verb);
    expect(verbs('personal')).toEqual([
      'ayuda',
      'nueva_solicitud',
      'nuevo_convenio',
      'mis_solicitudes',
      'pendientes',
      'buscar',
    ]);
    // In a channel or group chat the answer is seen by everyone there: no personal lists, no item cards on demand.
    expect(verbs('team')).toEqual(['ayuda', 'nueva_solicitud', 'nuevo_convenio']);
    expect(verbs('groupChat')).toEqual(['ayuda', 'nueva_solicitud', 'nuevo_convenio']);
    expect(getAt(manifest, '/bots/0/scopes')).toEqual(['personal', 'team', 'groupChat']);
  });

  it('asks for no permission it does not use', async () => {
    const { manifest } = await build();
    expect(getAt(manifest, '/permissions')).toBeUndefined();
    expect(getAt(manifest, '/devicePermissions')).toBeUndefined();
    expect(getAt(manifest, '/bots/0/supportsFiles')).toBe(false);
  });

  it('keeps the committed icons as the generator draws them, in the accent colour of the manifest', () => {
    const pixels = (b: Buffer) => {
      const p = PNG.sync.read(b);
      return { width: p.width, height: p.height, data: p.data };
    };
    expect(pixels(readFileSync(join(manifestDir(), 'color.png')))).toEqual(pixels(drawColorIcon()));
    expect(pixels(readFileSync(join(manifestDir(), 'outline.png')))).toEqual(pixels(drawOutlineIcon()));
    expect(getAt(sources().template, '/accentColor')).toBe(ACCENT_COLOR);
    const corner = PNG.sync.read(drawColorIcon()).data.subarray(0, 3);
    expect(Buffer.from(corner).toString('hex')).toBe(ACCENT_COLOR.slice(1).toLowerCase());
  });

  it('makes the same zip from the same sources', async () => {
    const a = await build();
    const b = await build();
    expect(a.zip!.equals(b.zip!)).toBe(true);
  });
});
