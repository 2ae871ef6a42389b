import JSZip from 'jszip';
import { MANIFEST_FILE, buildPackage, validateZip } from '../../../bot/src/package/build-package';
import { CONFIG, build, enJson, png, setAt, setEnJson, sources } from './fixtures';

/** Builds from sources broken by `breakIt`: no zip, and the problems in Spanish. */
async function problemsOf(breakIt: (s: ReturnType<typeof sources>) => void, config = CONFIG): Promise<string[]> {
  const s = sources();
  breakIt(s);
  const { zip, problems } = await build(s, config);
  expect(zip).toBeNull();
  expect(problems.length).toBeGreaterThan(0);
  return problems;
}

const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

describe('the manifest against the v1.30 schema', () => {
  it('a required field missing: name', async () => {
    const p = await problemsOf((s) => setAt(s.template, '/name', undefined));
    expect(p).toContain('manifest.json: /name falta y es obligatorio');
  });

  it('a value of the wrong type', async () => {
    const p = await problemsOf((s) => setAt(s.template, '/bots/0/supportsFiles', 'no'));
    expect(p).toContain('manifest.json: /bots/0/supportsFiles debe ser true o false (es un texto)');
  });

  it('a botId that is not a GUID', async () => {
    const p = await problemsOf((s) => setAt(s.template, '/bots/0/botId', 'bot-intercambio'));
    expect(p).toContain(
      'manifest.json: /bots/0/botId debe ser un GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) (es «bot-intercambio»)',
    );
  });

  it('a field the schema does not know, and a text too long, all reported together', async () => {
    const p = await problemsOf((s) => {
      setAt(s.template, '/bots/0/soportaArchivos', false);
      setAt(s.template, '/name/short', 'Intercambio de Datos de la Municipalidad');
    });
    expect(p).toEqual(
      expect.arrayContaining([
        'manifest.json: /bots/0/soportaArchivos no es un campo del manifiesto 1.30',
        'manifest.json: /name/short admite a lo más 30 caracteres (tiene 40)',
      ]),
    );
  });

  it('says where the schema is expected when it cannot be found', async () => {
    const r = await buildPackage({ config: CONFIG, sources: sources(), schemaPath: '/no/existe/esquema.json' });
    expect(r.zip).toBeNull();
    expect(r.problems.join('\n')).toMatch(/No se encuentra el esquema del manifiesto en \/no\/existe.*MANIFEST_SCHEMA/);
  });
});

describe('the icons', () => {
  it('a colour icon of 100×100', async () => {
    const p = await problemsOf((s) => (s.files['color.png'] = png(100, 100, [0, 90, 156, 255])));
    expect(p).toEqual(['color.png (icons.color) mide 100×100 píxeles; debe medir 192×192.']);
  });

  it('a colour icon that is not a PNG', async () => {
    const p = await problemsOf(
      (s) => (s.files['color.png'] = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])),
    );
    expect(p).toEqual(['color.png (icons.color) no es un PNG: Teams solo acepta íconos PNG.']);
  });

  it('an outline icon with one coloured pixel names that pixel', async () => {
    const p = await problemsOf(
      (s) => (s.files['outline.png'] = png(32, 32, CLEAR, (i) => i.data.set([255, 0, 0, 255], (4 * 32 + 3) * 4))),
    );
    expect(p).toEqual([
      'outline.png (icons.outline) solo admite blanco (#FFFFFF) sobre fondo transparente: el píxel (3, 4) es rgba(255, 0, 0, 255).',
    ]);
  });

  it('an outline icon on an opaque background reports the first pixel and how many more', async () => {
    const p = await problemsOf(
      (s) => (s.files['outline.png'] = png(32, 32, [0, 0, 0, 255], (i) => i.data.set(WHITE, 0))),
    );
    expect(p).toEqual([
      'outline.png (icons.outline) solo admite blanco (#FFFFFF) sobre fondo transparente: el píxel (1, 0) es ' +
        'rgba(0, 0, 0, 255) y hay 1022 píxeles más con color.',
    ]);
  });

  it('an outline icon of 48×48', async () => {
    const p = await problemsOf((s) => (s.files['outline.png'] = png(48, 48, CLEAR, (i) => i.data.set(WHITE, 0))));
    expect(p).toEqual(['outline.png (icons.outline) mide 48×48 píxeles; debe medir 32×32.']);
  });

  it('an outline icon with nothing to see', async () => {
    const p = await problemsOf((s) => (s.files['outline.png'] = png(32, 32, CLEAR)));
    expect(p).toEqual(['outline.png (icons.outline) es completamente transparente: no se vería nada.']);
  });
});

describe('en.json', () => {
  const withEn = (edit: (en: Record<string, unknown>) => void) => (s: ReturnType<typeof sources>) => {
    const en = enJson(s);
    edit(en);
    setEnJson(s, en);
  };

  it('a key that points at no field of the manifest', async () => {
    const p = await problemsOf(withEn((en) => (en['staticTabs[5].name'] = 'Archive')));
    expect(p).toEqual(['en.json: «staticTabs[5].name» apunta a /staticTabs/5/name, que no existe en el manifiesto.']);
  });

  it('a key that is not a localizable field', async () => {
    const p = await problemsOf(withEn((en) => (en['developer.name'] = 'Municipality of Quillota')));
    expect(p).toEqual(['en.json: «developer.name» no es un campo traducible del manifiesto.']);
  });

  it('a missing translation', async () => {
    const p = await problemsOf(withEn((en) => delete en['bots[0].commandLists[0].commands[1].description']));
    expect(p).toEqual([
      'en.json: falta la traducción de «bots[0].commandLists[0].commands[1].description» ' +
        '(«Pide datos a otra unidad municipal: abre el for…»).',
    ]);
  });

  it('a command title translated into words the bot does not understand', async () => {
    const p = await problemsOf(withEn((en) => (en['bots[0].commandLists[0].commands[1].title'] = 'new request')));
    expect(p).toEqual([
      expect.stringMatching(
        /^en\.json: «bots\[0\]\.commandLists\[0\]\.commands\[1\]\.title» es «new request», que el bot no entiende/,
      ),
    ]);
  });

  it('without its $schema', async () => {
    const p = await problemsOf(withEn((en) => delete en.$schema));
    expect(p).toEqual([
      'en.json: falta "$schema" (https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.Localization.schema.json).',
    ]);
  });

  it('a file the manifest names but the package lacks', async () => {
    const p = await problemsOf((s) => delete s.files['en.json']);
    expect(p).toEqual([
      'manifest.json: /localizationInfo/additionalLanguages/0/file nombra «en.json», que no está en el paquete.',
    ]);
  });
});

describe('the zip', () => {
  async function zipOf(files: Record<string, Buffer | string>): Promise<Buffer> {
    const z = new JSZip();
    for (const [name, bytes] of Object.entries(files)) z.file(name, bytes);
    return z.generateAsync({ type: 'nodebuffer' });
  }

  async function goodFiles(): Promise<Record<string, Buffer>> {
    const { zip } = await build();
    const z = await JSZip.loadAsync(zip!);
    const out: Record<string, Buffer> = {};
    for (const f of Object.values(z.files)) out[f.name] = await f.async('nodebuffer');
    return out;
  }

  it('an icon inside a folder, named so by the manifest', async () => {
    const files = await goodFiles();
    const manifest = JSON.parse(files[MANIFEST_FILE]!.toString('utf8'));
    manifest.icons.color = 'iconos/color.png';
    const { 'color.png': color, ...rest } = files;
    const p = await validateZip(
      await zipOf({ ...rest, [MANIFEST_FILE]: JSON.stringify(manifest), 'iconos/color.png': color! }),
    );
    expect(p).toEqual(
      expect.arrayContaining([
        'El paquete tiene «iconos/color.png» dentro de una carpeta: Teams solo lee archivos en la raíz del zip.',
        'manifest.json: /icons/color es «iconos/color.png»; los archivos deben estar en la raíz del paquete.',
      ]),
    );
  });

  it('the whole package zipped inside a folder', async () => {
    const files = await goodFiles();
    const p = await validateZip(
      await zipOf(Object.fromEntries(Object.entries(files).map(([k, v]) => [`paquete/${k}`, v]))),
    );
    expect(p).toContain('El paquete no tiene manifest.json en la raíz.');
    expect(p).toContain(
      'El paquete tiene «paquete/manifest.json» dentro de una carpeta: Teams solo lee archivos en la raíz del zip.',
    );
  });

  it('a file the manifest does not name', async () => {
    const p = await validateZip(await zipOf({ ...(await goodFiles()), 'notas.txt': 'borrador' }));
    expect(p).toEqual(['El paquete tiene «notas.txt», que el manifiesto no nombra.']);
  });
});

describe('ids and domains', () => {
  it('validDomains without the host of the tab', async () => {
    const p = await problemsOf((s) => setAt(s.template, '/validDomains', ['otro.quillota.cl']));
    expect(p).toEqual(
      expect.arrayContaining([
        'manifest.json: validDomains no incluye datos.quillota.cl, el dominio de /staticTabs/0/contentUrl.',
        'manifest.json: validDomains no incluye datos.quillota.cl, el dominio de /configurableTabs/0/configurationUrl.',
      ]),
    );
  });

  it('validDomains with a scheme or a catch-all wildcard', async () => {
    const p = await problemsOf((s) => setAt(s.template, '/validDomains', ['https://${{PUBLIC_HOST}}', '*.cl']));
    expect(p).toEqual(
      expect.arrayContaining([
        'manifest.json: validDomains: «https://datos.quillota.cl» debe ser solo el dominio, sin https:// ni ruta.',
        'manifest.json: validDomains: «*.cl» es un comodín demasiado amplio; liste el dominio del servicio.',
      ]),
    );
  });

  it('a PUBLIC_URL over http', async () => {
    const p = await problemsOf(() => undefined, { ...CONFIG, publicUrl: 'http://localhost:3978' });
    expect(p).toContainEqual(
      expect.stringMatching(
        /^manifest\.json: Teams exige https \(revise PUBLIC_URL\); usan otra cosa: \/developer\/websiteUrl, .*\/configurableTabs\/0\/configurationUrl\.$/,
      ),
    );
  });

  it('an SSO resource that does not end in the client id', async () => {
    const p = await problemsOf(() => undefined, { ...CONFIG, tabAppIdUri: 'api://datos.quillota.cl/otra-app' });
    expect(p).toEqual([
      `manifest.json: /webApplicationInfo/resource debe terminar en el id de cliente ${CONFIG.botAppId} (es «api://datos.quillota.cl/otra-app»).`,
    ]);
  });

  it('a Teams app id that is not a GUID', async () => {
    const p = await problemsOf(() => undefined, { ...CONFIG, teamsAppId: 'intercambio' });
    expect(p).toContain(
      'manifest.json: /id debe ser un GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) (es «intercambio»)',
    );
  });

  it('no static tab under the entityId deep links open', async () => {
    const p = await problemsOf((s) => setAt(s.template, '/staticTabs/0/entityId', 'inicio'));
    expect(p).toContain(
      'manifest.json: falta la pestaña estática con entityId «tablero»: los enlaces «Ver detalle» de las tarjetas la abren.',
    );
  });

  it('a placeholder without a value', async () => {
    const p = await problemsOf((s) => setAt(s.template, '/developer/privacyUrl', '${{PRIVACY_URL}}'));
    expect(p).toContain('manifest.template.json: /developer/privacyUrl usa ${{PRIVACY_URL}}, que no tiene valor.');
  });
});
