import type { PackageConfig } from './package-config';

/**
 * manifest/manifest.template.json holds `${{NAME}}` placeholders (the Microsoft 365 Agents Toolkit's syntax), replaced
 * inside string values only, so a value can never break the JSON around it.
 */
export function templateValues(c: PackageConfig): Record<string, string> {
  let host = '';
  try {
    host = new URL(c.publicUrl).host;
  } catch {
    // Reported by the configuration check; the manifest checks will name the fields it leaves empty.
  }
  return {
    TEAMS_APP_ID: c.teamsAppId,
    MICROSOFT_APP_ID: c.botAppId,
    TAB_APP_ID_URI: c.tabAppIdUri,
    PUBLIC_URL: c.publicUrl,
    PUBLIC_HOST: host,
    APP_VERSION: c.version,
  };
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The filled manifest, and a problem for each placeholder without a value (with its JSON path). */
export function fillTemplate(
  template: unknown,
  values: Record<string, string>,
): { manifest: unknown; problems: string[] } {
  const problems: string[] = [];
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string')
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const v = values[name];
        if (v !== undefined) return v;
        problems.push(`manifest.template.json: ${path || '/'} usa ${whole}, que no tiene valor.`);
        return whole;
      });
    if (Array.isArray(node)) return node.map((v, i) => walk(v, `${path}/${i}`));
    if (node && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, `${path}/${k}`)]));
    return node;
  };
  return { manifest: walk(template, ''), problems };
}
