import { botUnderstands } from './bot-commands';

/**
 * The localization files (localizationInfo.additionalLanguages): each key must name a localizable field that exists
 * in the manifest, and every localizable field of the manifest must be translated. The keys and their limits are
 * those of Microsoft's MicrosoftTeams.Localization.schema.json for the fields this manifest can use.
 */

const LOCALIZABLE: { key: RegExp; max: number }[] = [
  { key: /^name\.short$/, max: 30 },
  { key: /^name\.full$/, max: 100 },
  { key: /^description\.short$/, max: 80 },
  { key: /^description\.full$/, max: 4000 },
  { key: /^staticTabs\[([0-9]|1[0-5])\]\.name$/, max: 128 },
  { key: /^bots\[0\]\.commandLists\[[0-2]\]\.commands\[([0-9]|1[01])\]\.title$/, max: 128 },
  { key: /^bots\[0\]\.commandLists\[[0-2]\]\.commands\[([0-9]|1[01])\]\.(description|prompt)$/, max: 4000 },
];

export const localizationSchemaUrl = (manifestVersion: string): string =>
  `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.Localization.schema.json`;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Every localizable string of the manifest, by its localization key («bots[0].commandLists[1].commands[0].title»). */
export function localizableStrings(manifest: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObject(manifest)) return out;
  const put = (key: string, v: unknown) => {
    if (typeof v === 'string') out.set(key, v);
  };
  for (const part of ['name', 'description'] as const) {
    const o = manifest[part];
    if (isObject(o)) for (const f of ['short', 'full']) put(`${part}.${f}`, o[f]);
  }
  list(manifest.staticTabs).forEach((t, i) => isObject(t) && put(`staticTabs[${i}].name`, t.name));
  list(manifest.bots).forEach((b, i) =>
    list(isObject(b) ? b.commandLists : []).forEach((l, j) =>
      list(isObject(l) ? l.commands : []).forEach((c, k) => {
        if (!isObject(c)) return;
        for (const f of ['title', 'description', 'prompt'])
          put(`bots[${i}].commandLists[${j}].commands[${k}].${f}`, c[f]);
      }),
    ),
  );
  return out;
}

/** «bots[0].commandLists[1].title» → «/bots/0/commandLists/1/title», the way the other messages name fields. */
export const pointer = (key: string): string =>
  `/${key
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .join('/')}`;

export function checkLocalization(file: string, bytes: Buffer, manifest: unknown): string[] {
  let strings: unknown;
  try {
    strings = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return [`${file} no es JSON válido: ${(e as Error).message}.`];
  }
  if (!isObject(strings)) return [`${file} debe ser un objeto JSON de claves y textos.`];

  const problems: string[] = [];
  const version = isObject(manifest) ? String(manifest.manifestVersion) : '';
  const expected = localizationSchemaUrl(version);
  const schema = strings.$schema;
  const sameSchema = (s: unknown) => typeof s === 'string' && s.replace('/en-us/', '/') === expected;
  if (!sameSchema(schema))
    problems.push(
      schema === undefined
        ? `${file}: falta "$schema" (${expected}).`
        : `${file}: "$schema" debe ser ${expected} (es «${String(schema)}»).`,
    );

  const fields = localizableStrings(manifest);
  for (const [key, value] of Object.entries(strings)) {
    if (key === '$schema') continue;
    const rule = LOCALIZABLE.find((r) => r.key.test(key));
    if (!rule) {
      problems.push(`${file}: «${key}» no es un campo traducible del manifiesto.`);
      continue;
    }
    if (!fields.has(key)) {
      problems.push(`${file}: «${key}» apunta a ${pointer(key)}, que no existe en el manifiesto.`);
      continue;
    }
    if (typeof value !== 'string' || !value.trim()) {
      problems.push(`${file}: «${key}» debe ser un texto no vacío.`);
      continue;
    }
    if (value.length > rule.max)
      problems.push(`${file}: «${key}» admite a lo más ${rule.max} caracteres (tiene ${value.length}).`);
    if (/\.title$/.test(key) && key.startsWith('bots[') && !botUnderstands(value))
      problems.push(
        `${file}: «${key}» es «${value}», que el bot no entiende (Teams escribe el título del comando al elegirlo; ` +
          `use el comando en castellano o uno que el bot reconozca).`,
      );
  }
  for (const [key, value] of fields)
    if (!(key in strings)) problems.push(`${file}: falta la traducción de «${key}» («${clip(value)}»).`);
  return problems;
}

const clip = (s: string): string => (s.length > 50 ? `${s.slice(0, 47)}…` : s);
