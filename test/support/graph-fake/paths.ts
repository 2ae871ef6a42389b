/**
 * Graph's path-addressing forms, which the subset does not model (its header: "the path-addressing form … is not
 * modelled … so only the item-id form is included"). The live API accepts them for the same operations, so the fake
 * parses them here and the router rewrites them to the item-id form before matching the subset:
 *
 *   /drives/{d}/root:/{path}:/{rest}               → /drives/{d}/items/{id of path}/{rest}
 *   /drives/{d}/items/{parent-id}:/{name}:/{rest}  → /drives/{d}/items/{id of parent/name}/{rest}
 *   /sites/{hostname}:/{server-relative-path}[:/{rest}] → /sites/{site-id}[/{rest}]
 *
 * `{rest}` is e.g. `content`, `versions`, `createUploadSession`, `createLink`, `listItem/fields`. Without the
 * closing `:` (…/root:/{path}) the address is the item itself (GET item), which the subset does not have.
 */

export type ParsedPath =
  | { kind: 'plain'; segments: string[] }
  | {
      kind: 'drive-path';
      driveId: string;
      /** 'root' or the id of the item the relative path starts from. */
      anchor: string;
      /** Decoded path segments after the anchor. */
      relative: string[];
      rest: string[];
    }
  | { kind: 'site-path'; hostname: string; serverRelativePath: string; rest: string[] }
  | { kind: 'malformed'; reason: string };

const DRIVE_PATH = /^\/drives\/([^/:]+)\/(?:root|items\/([^/:]+)):(\/[^:]*)(?::(\/.*)?)?$/;
const SITE_PATH = /^\/sites\/([^/:]+):(\/[^:]*)(?::(\/.*)?)?$/;

/** Parses the percent-encoded path that follows `/v1.0`. */
export function parseGraphPath(encoded: string): ParsedPath {
  try {
    const drive = DRIVE_PATH.exec(encoded);
    if (drive) {
      const relative = split(drive[3]!);
      if (relative.length === 0) return { kind: 'malformed', reason: 'empty path after root:' };
      return {
        kind: 'drive-path',
        driveId: decodeURIComponent(drive[1]!),
        anchor: drive[2] ? decodeURIComponent(drive[2]) : 'root',
        relative,
        rest: split(drive[4] ?? ''),
      };
    }
    const site = SITE_PATH.exec(encoded);
    if (site) {
      return {
        kind: 'site-path',
        hostname: decodeURIComponent(site[1]!).toLowerCase(),
        serverRelativePath: '/' + split(site[2]!).join('/'),
        rest: split(site[3] ?? ''),
      };
    }
    return { kind: 'plain', segments: split(encoded) };
  } catch (e) {
    return { kind: 'malformed', reason: `bad percent-encoding (${(e as Error).message})` };
  }
}

/** '/a/b%20c/' → ['a', 'b c']; an empty segment in the middle (a//b) is kept so it fails matching. */
function split(encoded: string): string[] {
  const parts = encoded.split('/');
  if (parts[0] === '') parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((p) => decodeURIComponent(p));
}
