import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { linkLetter, mimeType, quickXorHash } from './content';
import { graphError, header, sameTag, type FakeRequest, type OpContext, type Reply } from './http';
import {
  sha256,
  type FakeFile,
  type FakeFolder,
  type FakeItem,
  type FakePermission,
  type FakeState,
  type FileVersion,
  type Identity,
} from './state';
import type { Caller } from './token';

export interface DriveOptions {
  siteHostname: string;
  sitePath: string;
  siteDisplayName: string;
  libraryName: string;
  /** Municipal tenants switch anonymous ("anyone with the link") sharing off: createLink scope 'anonymous' → 403. */
  allowAnonymousLinks: boolean;
  /** Scope of a createLink without `scope`: the tenant's default link type. */
  defaultLinkScope: 'organization' | 'anonymous' | 'users';
  /** Internal names of the library's columns; when given, PATCH …/fields with another name → 400 (as SharePoint). */
  columns?: string[];
  /** A property edit makes a new version, as in a versioned SharePoint library. */
  fieldsCreateVersion: boolean;
  now: () => number;
}

export interface FakeDrive {
  id: string;
  name: string;
  /** The library's URL segment ('Shared Documents' for the default 'Documentos'). */
  urlName: string;
  listId: string;
  description: string;
  createdAt: string;
  isDefault: boolean;
  root: FakeFolder;
  /** Lower-cased library path → item (SharePoint paths are case-insensitive). */
  items: Map<string, FakeItem>;
  nextListItemId: number;
}

export type Target = { drive: FakeDrive; path: string; item?: FakeItem };

/** A version's bytes: in memory, or (large upload sessions) in a file with its hashes computed as it was written. */
export type ContentSource = Buffer | { path: string; size: number; sha256: string; quickXorHash: string };

/** Graph's permission roles (permission resource, "Roles property values"). */
const INVITE_ROLES = ['read', 'write'];

const READ_ONLY_FIELDS = new Set(['id', 'ID', 'Created', 'Modified', 'Author', 'Editor', 'ContentType', 'FileRef']);
const INVALID_NAME = /["*:<>?/\\|]/;

/**
 * Documents in SharePoint libraries: files with versions, columns and sharing links. Upload sessions (upload.ts)
 * store through the same methods.
 */
/** The deliveries' library every fake tenant also has (the service's default SHAREPOINT_DELIVERIES_LIBRARY). */
export const DELIVERIES_LIBRARY = 'Entregas de datos';

export class DriveService {
  readonly site: { id: string; name: string; displayName: string; webUrl: string; createdAt: string };
  readonly drives: FakeDrive[];
  private readonly byId = new Map<string, FakeItem>();

  constructor(
    private readonly opts: DriveOptions,
    private readonly state: FakeState,
  ) {
    const createdAt = new Date(opts.now() - 400 * 24 * 3600_000).toISOString();
    this.site = {
      id: `${opts.siteHostname},${randomUUID()},${randomUUID()}`,
      name: opts.sitePath.split('/').filter(Boolean).pop() ?? 'root',
      displayName: opts.siteDisplayName,
      webUrl: `https://${opts.siteHostname}${opts.sitePath}`,
      createdAt,
    };
    const libraries: Array<[name: string, urlName: string, description: string]> = [
      ['Documentos', 'Shared Documents', ''],
      [opts.libraryName, opts.libraryName, 'Convenios y anexos del Protocolo para Intercambio de Datos'],
      // The restricted library of delivered files (issue 15, SHAREPOINT_DELIVERIES_LIBRARY).
      [DELIVERIES_LIBRARY, DELIVERIES_LIBRARY, 'Datos entregados entre unidades; compartidos solo con quien los pidió'],
      ['Activos del sitio', 'SiteAssets', ''],
    ];
    const seen = new Set<string>();
    this.drives = libraries
      .filter(([name]) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()))
      .map(([name, urlName, description], i) => this.newDrive(name, urlName, description, i === 0, createdAt));
  }

  /** The configured library (libraryName). */
  get library(): FakeDrive {
    return this.drives.find((d) => d.name === this.opts.libraryName)!;
  }

  // ---------------------------------------------------------------- addressing

  /** `/sites/{hostname}:/{server-relative-path}` → the site id, if it is this site. */
  resolveSitePath(hostname: string, serverRelativePath: string): string | undefined {
    const sameHost = hostname.toLowerCase() === this.opts.siteHostname.toLowerCase();
    const samePath = serverRelativePath.replace(/\/+$/, '').toLowerCase() === this.opts.sitePath.toLowerCase();
    return sameHost && samePath ? this.site.id : undefined;
  }

  itemById(id: string): FakeItem | undefined {
    return this.byId.get(id);
  }

  drive(id: string): FakeDrive | undefined {
    return this.drives.find((d) => d.id === id);
  }

  /**
   * A path-addressed item (root:/{path}: or items/{parent-id}:/{name}:) → drive, full library path and the item if
   * it exists; an error when the drive or the anchor item does not exist.
   */
  resolveAddress(
    driveId: string,
    anchor: string,
    relative: string[],
  ): { driveId: string; path: string; itemId?: string } | { error: Reply } {
    const drive = this.drive(driveId);
    if (!drive) return { error: notFound('The drive could not be found.') };
    let base = '';
    if (anchor !== 'root') {
      const parent = this.byId.get(anchor);
      if (!parent || parent.driveId !== drive.id) return { error: notFound() };
      if (parent.kind !== 'folder')
        return { error: graphError(400, 'invalidRequest', 'The parent item is not a folder.') };
      base = parent.path;
    }
    const path = [base, ...relative].filter(Boolean).join('/');
    return { driveId: drive.id, path, itemId: this.lookup(drive, path)?.itemId };
  }

  lookup(drive: FakeDrive, path: string): FakeItem | undefined {
    return path === '' ? drive.root : drive.items.get(path.toLowerCase());
  }

  /** The item an operation addresses (by id, or by path: then it may not exist yet if `allowMissing`). */
  target(ctx: OpContext, allowMissing: boolean): Target | { error: Reply } {
    if (ctx.addressed) {
      const drive = this.drive(ctx.addressed.driveId);
      if (!drive) return { error: notFound('The drive could not be found.') };
      const item = this.lookup(drive, ctx.addressed.path);
      if (!item && !allowMissing) return { error: notFound() };
      return { drive, path: item?.path ?? ctx.addressed.path, item };
    }
    const drive = this.drive(ctx.params['drive-id'] ?? '');
    if (!drive) return { error: notFound('The drive could not be found.') };
    const id = ctx.params['driveItem-id'] ?? '';
    const item = id === 'root' ? drive.root : this.byId.get(id);
    if (!item || item.driveId !== drive.id) return { error: notFound() };
    return { drive, path: item.path, item };
  }

  // ---------------------------------------------------------------- operations (by operationId)

  readonly handlers: Record<string, (ctx: OpContext) => Reply> = {
    drive_GetItem: (ctx) => this.getItem(ctx),
    'drive.item_CreateChild': (ctx) => this.createChild(ctx),
    'drive.item_invite': (ctx) => this.invite(ctx),
    'drive.item_DeletePermission': (ctx) => this.deletePermission(ctx),
    drive_SetItemsContent: (ctx) => this.putContent(ctx),
    'drive.item_createLink': (ctx) => this.createLink(ctx),
    'drive.item.listItem_UpdateField': (ctx) => this.updateDriveItemFields(ctx),
    'drive.item_ListVersion': (ctx) => this.listVersions(ctx),
    'sites.site_GetSite': (ctx) => this.getSite(ctx),
    sites_GetDrive: (ctx) => this.getSiteDrive(ctx),
    sites_ListDrives: (ctx) => this.listSiteDrives(ctx),
    'sites.lists.items_UpdateFields': (ctx) => this.updateListItemFields(ctx),
  };

  /** GET a driveItem (by id or by path; a path that names nothing is 404, as Graph answers). */
  private getItem(ctx: OpContext): Reply {
    const t = this.target(ctx, false);
    if ('error' in t) return t.error;
    return { status: 200, body: select(this.driveItemJson(t.item!), ctx.req.url.searchParams) };
  }

  /**
   * POST …/children: creates a folder under a folder ("Create a new folder in a drive"). The body is a driveItem
   * with `name` and a `folder` facet, and `@microsoft.graph.conflictBehavior` (fail, replace, rename; fail when
   * absent). Files are not created this way (the fake answers 501 for a body without `folder`).
   */
  private createChild(ctx: OpContext): Reply {
    const t = this.target(ctx, false);
    if ('error' in t) return t.error;
    const parent = t.item!;
    if (parent.kind !== 'folder') return graphError(400, 'invalidRequest', 'The parent item is not a folder.');
    const body = (ctx.json ?? {}) as {
      name?: unknown;
      folder?: unknown;
      '@microsoft.graph.conflictBehavior'?: unknown;
    };
    if (typeof body.name !== 'string' || !body.name) {
      return graphError(400, 'invalidRequest', "The property 'name' is required to create an item.");
    }
    if (!body.folder || typeof body.folder !== 'object') {
      return graphError(501, 'notSupported', 'The Graph fake creates only folders through POST …/children.');
    }
    const behavior = String(body['@microsoft.graph.conflictBehavior'] ?? 'fail');
    if (!['fail', 'replace', 'rename'].includes(behavior)) {
      return graphError(400, 'invalidRequest', `Invalid value '${behavior}' for @microsoft.graph.conflictBehavior.`);
    }
    let path = parent.path ? `${parent.path}/${body.name}` : body.name;
    const existing = this.lookup(t.drive, path);
    if (existing && behavior === 'fail') return nameAlreadyExists();
    if (existing && behavior === 'replace') {
      if (existing.kind !== 'folder') return nameAlreadyExists();
      return { status: 200, body: this.driveItemJson(existing) };
    }
    if (existing) path = this.freePath(t.drive, path);
    const invalid = this.invalidPath(t.drive, path);
    if (invalid) return invalid;
    const folder = this.newFolder(t.drive, parent, path, identityOf(ctx.caller));
    return { status: 201, body: this.driveItemJson(folder) };
  }

  /**
   * invite: gives each recipient a permission on the item (roles read or write), as SharePoint does for a person
   * inside the tenant: a permission of its own, not a link. Inviting the same person again to the same item answers
   * the same permission (roles and expiry updated): SharePoint keeps one permission per person and item. The answer
   * is the collection of permissions (200), as Learn's example shows. `password` is OneDrive Personal only.
   */
  private invite(ctx: OpContext): Reply {
    const t = this.target(ctx, false);
    if ('error' in t) return t.error;
    const item = t.item!;
    if (item === t.drive.root) return graphError(403, 'accessDenied', 'Permissions cannot be changed on the root.');
    const body = (ctx.json ?? {}) as {
      recipients?: Array<{ email?: string | null; alias?: string | null; objectId?: string | null }>;
      roles?: Array<string | null>;
      requireSignIn?: boolean | null;
      sendInvitation?: boolean | null;
      expirationDateTime?: string | null;
      password?: string | null;
    };
    const emails = [
      ...new Set((body.recipients ?? []).map((r) => (r.email ?? '').trim().toLowerCase()).filter(Boolean)),
    ];
    if (emails.length === 0)
      return graphError(400, 'invalidRequest', 'At least one recipient with an email is required.');
    const roles = (body.roles ?? []).filter((r): r is string => typeof r === 'string');
    if (roles.length === 0 || roles.some((r) => !INVITE_ROLES.includes(r))) {
      return graphError(400, 'invalidRequest', `Invalid roles '${roles.join(',')}' (read, write).`);
    }
    if (body.password) return graphError(400, 'invalidRequest', 'Passwords are supported only on OneDrive Personal.');
    const expiry = body.expirationDateTime ?? undefined;
    if (expiry !== undefined && Date.parse(expiry) <= this.opts.now()) {
      return graphError(400, 'invalidRequest', 'The expiration date and time must be in the future.');
    }
    const value = emails.map((email) => {
      let permission = item.permissions.find((p) => p.kind === 'invite' && p.recipients[0] === email);
      if (!permission) {
        permission = {
          id: randomUUID().toUpperCase(),
          kind: 'invite',
          type: 'invite',
          scope: 'users',
          recipients: [email],
          createdAt: now(this.opts),
          json: {},
        };
        item.permissions.push(permission);
      }
      permission.roles = roles;
      permission.expirationDateTime = expiry;
      permission.requireSignIn = body.requireSignIn ?? false;
      permission.sendInvitation = body.sendInvitation ?? false;
      permission.json = {
        id: permission.id,
        roles,
        grantedToV2: { user: { email, displayName: email } },
        invitation: { email, signInRequired: permission.requireSignIn },
        ...(expiry ? { expirationDateTime: expiry } : {}),
      };
      this.state.permissionEvents.push({
        action: 'invite',
        itemId: item.itemId,
        permissionId: permission.id,
        email,
        roles,
        expirationDateTime: expiry,
        requireSignIn: permission.requireSignIn,
        sendInvitation: permission.sendInvitation,
        at: now(this.opts),
      });
      return permission.json;
    });
    return { status: 200, body: { value } };
  }

  /** DELETE …/permissions/{id}: removes a permission of the item (link or invitation); 404 when there is none. */
  private deletePermission(ctx: OpContext): Reply {
    const t = this.target(ctx, false);
    if ('error' in t) return t.error;
    const item = t.item!;
    const id = ctx.params['permission-id'] ?? '';
    const at = item.permissions.findIndex((p) => p.id === id);
    if (at < 0) return notFound('The permission could not be found.');
    item.permissions.splice(at, 1);
    this.state.permissionEvents.push({ action: 'delete', itemId: item.itemId, permissionId: id, at: now(this.opts) });
    return { status: 204 };
  }

  /** Simple upload: creates the file (and missing folders) or adds a version. The size limit is the router's. */
  private putContent(ctx: OpContext): Reply {
    const t = this.target(ctx, true);
    if ('error' in t) return t.error;
    let { path, item } = t;
    if (item?.kind === 'folder') return graphError(400, 'invalidRequest', 'Cannot upload content to a folder.');
    const failed = preconditions(ctx.req, item);
    if (failed) return failed;
    const behavior = ctx.req.url.searchParams.get('@microsoft.graph.conflictBehavior') ?? 'replace';
    if (item && ctx.addressed && behavior === 'fail') return nameAlreadyExists();
    if (item && ctx.addressed && behavior === 'rename') {
      path = this.freePath(t.drive, path);
      item = undefined;
    }
    const by = identityOf(ctx.caller);
    if (item) {
      this.addVersion(item, ctx.req.body, by, 'simple-upload');
      return { status: 200, body: this.driveItemJson(item) };
    }
    const created = this.createFile(t.drive, path, ctx.req.body, by, 'simple-upload');
    if ('error' in created) return created.error;
    return { status: 201, body: this.driveItemJson(created) };
  }

  /**
   * createLink: the same (type, scope, recipients) on the same item returns the existing link with 200, as Graph
   * documents ("If a sharing link of the specified type already exists for the app, the existing sharing link will
   * be returned"); a new one is 201.
   */
  private createLink(ctx: OpContext): Reply {
    const t = this.target(ctx, false);
    if ('error' in t) return t.error;
    const item = t.item!;
    const body = (ctx.json ?? {}) as {
      type?: string | null;
      scope?: string | null;
      recipients?: Array<{ email?: string | null; alias?: string | null; objectId?: string | null }>;
      expirationDateTime?: string | null;
    };
    const type = body.type ?? undefined;
    if (!type) return graphError(400, 'invalidRequest', "The parameter 'type' is required.");
    if (!['view', 'edit'].includes(type)) {
      return graphError(
        400,
        'invalidRequest',
        `Link type '${type}' is not supported for SharePoint items (view, edit).`,
      );
    }
    const scope = body.scope ?? this.opts.defaultLinkScope;
    if (!['anonymous', 'organization', 'users'].includes(scope)) {
      return graphError(400, 'invalidRequest', `Invalid link scope '${scope}' (anonymous, organization, users).`);
    }
    if (scope === 'anonymous' && !this.opts.allowAnonymousLinks) {
      return graphError(403, 'accessDenied', 'Anonymous sharing links are disabled for this tenant.');
    }
    const recipients = [
      ...new Set(
        (body.recipients ?? [])
          .map((r) => (r.email ?? r.alias ?? r.objectId ?? '').trim().toLowerCase())
          .filter(Boolean),
      ),
    ].sort();
    if (scope === 'users' && recipients.length === 0) {
      return graphError(400, 'invalidRequest', "A link with scope 'users' needs at least one recipient.");
    }
    const key = (p: { type: string; scope: string; recipients: string[] }) =>
      `${p.type}|${p.scope}|${p.scope === 'users' ? p.recipients.join(',') : ''}`;
    const wanted = key({ type, scope, recipients });
    const existing = item.permissions.find((p) => p.kind === 'link' && key(p) === wanted);
    if (existing) return { status: 200, body: existing.json };

    const id = randomBytes(12).toString('base64url');
    const letter = item.kind === 'folder' ? 'f' : linkLetter(item.name);
    const webUrl = `https://${this.opts.siteHostname}/:${letter}:/s/${this.site.name}/E${randomBytes(33).toString('base64url')}`;
    const json: Record<string, unknown> = {
      id,
      roles: [type === 'edit' ? 'write' : 'read'],
      shareId: `u!${Buffer.from(webUrl).toString('base64url')}`,
      hasPassword: false,
      link: {
        type,
        scope,
        webUrl,
        preventsDownload: false,
        application: { id: ctx.caller.clientId, displayName: ctx.caller.appDisplayName },
      },
      ...(body.expirationDateTime ? { expirationDateTime: body.expirationDateTime } : {}),
      ...(scope === 'users'
        ? { grantedToIdentitiesV2: recipients.map((email) => ({ user: { email, displayName: email } })) }
        : {}),
    };
    const permission: FakePermission = { id, kind: 'link', type, scope, recipients, createdAt: now(this.opts), json };
    item.permissions.push(permission);
    this.state.linksCreated += 1;
    return { status: 201, body: json };
  }

  private updateDriveItemFields(ctx: OpContext): Reply {
    const t = this.target(ctx, false);
    if ('error' in t) return t.error;
    if (t.item!.kind !== 'file') return graphError(400, 'invalidRequest', 'Folders have no editable columns here.');
    return this.applyFields(ctx, t.item!, 'driveItem');
  }

  private updateListItemFields(ctx: OpContext): Reply {
    if (ctx.params['site-id'] !== this.site.id) return notFound('Requested site could not be found');
    const listId = (ctx.params['list-id'] ?? '').toLowerCase();
    const drive = this.drives.find((d) => d.listId.toLowerCase() === listId);
    if (!drive) return notFound('The list could not be found.');
    const file = [...drive.items.values()].find(
      (i): i is FakeFile => i.kind === 'file' && i.listItemId === ctx.params['listItem-id'],
    );
    if (!file) return notFound('The list item could not be found.');
    return this.applyFields(ctx, file, 'listItem');
  }

  /** Merges columns into the item (a property edit: new eTag, and a new version if the library keeps them). */
  private applyFields(ctx: OpContext, file: FakeFile, form: 'driveItem' | 'listItem'): Reply {
    const failed = preconditions(ctx.req, file);
    if (failed) return failed;
    const body = (ctx.json ?? {}) as Record<string, unknown>;
    const fields: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(body)) {
      if (name.includes('@')) continue; // OData annotations (Tags@odata.type) travel with their field
      if (READ_ONLY_FIELDS.has(name)) return graphError(400, 'invalidRequest', `Field '${name}' is read-only`);
      if (this.opts.columns && !this.opts.columns.includes(name)) {
        return graphError(400, 'invalidRequest', `Field '${name}' is not recognized`);
      }
      if (Array.isArray(value) && !body[`${name}@odata.type`]) {
        return graphError(
          400,
          'invalidRequest',
          `A multi-value field needs its type: '${name}@odata.type': 'Collection(Edm.String)'.`,
        );
      }
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        return graphError(400, 'invalidRequest', `The value of field '${name}' must be a primitive value.`);
      }
      fields[name] = value;
    }
    Object.assign(file.fields, fields);
    file.eTagSeq += 1;
    if (this.opts.fieldsCreateVersion) {
      const previous = file.versions[file.versions.length - 1]!;
      file.versions.push({
        ...previous,
        versionId: `${file.versions.length + 1}.0`,
        modifiedAt: now(this.opts),
        modifiedBy: identityOf(ctx.caller),
        source: 'fields',
      });
    }
    this.state.fieldUpdates.push({
      form,
      itemId: file.itemId,
      listItemId: file.listItemId,
      fields,
      at: now(this.opts),
    });
    return { status: 200, body: this.fieldsJson(file) };
  }

  private listVersions(ctx: OpContext): Reply {
    const t = this.target(ctx, false);
    if ('error' in t) return t.error;
    if (t.item!.kind !== 'file') return graphError(400, 'invalidRequest', 'Folders have no versions.');
    const q = ctx.req.url.searchParams;
    let value = [...t.item!.versions].reverse().map((v) => versionJson(v));
    const count = value.length;
    const skip = Number(q.get('$skip') ?? 0);
    const top = q.has('$top') ? Number(q.get('$top')) : undefined;
    value = value.slice(skip, top === undefined ? undefined : skip + top);
    return {
      status: 200,
      body: {
        ...(q.get('$count') === 'true' ? { '@odata.count': count } : {}),
        value: value.map((v) => select(v, q)),
      },
    };
  }

  private getSite(ctx: OpContext): Reply {
    if (ctx.params['site-id'] !== this.site.id) return notFound('Requested site could not be found');
    return { status: 200, body: select(this.siteJson(), ctx.req.url.searchParams) };
  }

  private getSiteDrive(ctx: OpContext): Reply {
    if (ctx.params['site-id'] !== this.site.id) return notFound('Requested site could not be found');
    const drive = this.drives.find((d) => d.isDefault)!;
    return { status: 200, body: select(this.driveJson(drive, ctx.req.url.searchParams), ctx.req.url.searchParams) };
  }

  private listSiteDrives(ctx: OpContext): Reply {
    if (ctx.params['site-id'] !== this.site.id) return notFound('Requested site could not be found');
    const q = ctx.req.url.searchParams;
    const skip = Number(q.get('$skip') ?? 0);
    const top = q.has('$top') ? Number(q.get('$top')) : undefined;
    const value = this.drives
      .slice(skip, top === undefined ? undefined : skip + top)
      .map((d) => select(this.driveJson(d, q), q));
    return {
      status: 200,
      body: { ...(q.get('$count') === 'true' ? { '@odata.count': this.drives.length } : {}), value },
    };
  }

  // ---------------------------------------------------------------- storage

  private newDrive(
    name: string,
    urlName: string,
    description: string,
    isDefault: boolean,
    createdAt: string,
  ): FakeDrive {
    const id = `b!${randomBytes(48).toString('base64url')}`;
    const root: FakeFolder = {
      kind: 'folder',
      itemId: itemId(),
      driveId: id,
      library: name,
      path: '',
      name: 'root',
      createdAt,
      createdBy: { user: { id: '', displayName: 'System Account', email: '' } },
      permissions: [],
      eTagGuid: randomUUID().toUpperCase(),
      eTagSeq: 1,
    };
    this.byId.set(root.itemId, root);
    return {
      id,
      name,
      urlName,
      listId: randomUUID(),
      description,
      createdAt,
      isDefault,
      root,
      items: new Map(),
      nextListItemId: 1,
    };
  }

  /** SharePoint's name rules and its 400-character limit on the decoded server-relative path. */
  invalidPath(drive: FakeDrive, path: string): Reply | undefined {
    for (const segment of path.split('/')) {
      if (!segment || INVALID_NAME.test(segment) || segment !== segment.trim() || segment.endsWith('.')) {
        return graphError(
          400,
          'invalidRequest',
          `The name '${segment}' contains characters SharePoint does not allow.`,
        );
      }
    }
    if (`${this.opts.sitePath}/${drive.urlName}/${path}`.length > 400) {
      return graphError(400, 'invalidRequest', 'The item path exceeds the 400-character limit of SharePoint.');
    }
    return undefined;
  }

  createFile(
    drive: FakeDrive,
    path: string,
    content: ContentSource,
    by: Identity,
    source: FileVersion['source'],
  ): FakeFile | { error: Reply } {
    const invalid = this.invalidPath(drive, path);
    if (invalid) return { error: invalid };
    const parts = path.split('/');
    const name = parts.pop()!;
    let parent: FakeFolder = drive.root;
    for (const segment of parts) {
      const folderPath = parent.path ? `${parent.path}/${segment}` : segment;
      const existing = this.lookup(drive, folderPath);
      if (existing && existing.kind !== 'folder') {
        return { error: graphError(409, 'nameAlreadyExists', `'${folderPath}' is a file, not a folder.`) };
      }
      parent = existing ?? this.newFolder(drive, parent, folderPath, by);
    }
    const file: FakeFile = {
      kind: 'file',
      itemId: itemId(),
      driveId: drive.id,
      library: drive.name,
      path: parent.path ? `${parent.path}/${name}` : name,
      name,
      parentId: parent.itemId,
      createdAt: now(this.opts),
      createdBy: by,
      permissions: [],
      eTagGuid: randomUUID().toUpperCase(),
      eTagSeq: 0,
      cTagSeq: 0,
      listItemId: String(drive.nextListItemId++),
      listItemUniqueId: randomUUID(),
      versions: [],
      fields: {},
    };
    this.addVersion(file, content, by, source);
    drive.items.set(file.path.toLowerCase(), file);
    this.byId.set(file.itemId, file);
    this.state.files.set(`${drive.name}/${file.path}`, file);
    return file;
  }

  private newFolder(drive: FakeDrive, parent: FakeFolder, folderPath: string, by: Identity): FakeFolder {
    const folder: FakeFolder = {
      kind: 'folder',
      itemId: itemId(),
      driveId: drive.id,
      library: drive.name,
      path: folderPath,
      name: folderPath.split('/').pop()!,
      parentId: parent.itemId,
      createdAt: now(this.opts),
      createdBy: by,
      permissions: [],
      eTagGuid: randomUUID().toUpperCase(),
      eTagSeq: 1,
    };
    drive.items.set(folderPath.toLowerCase(), folder);
    this.byId.set(folder.itemId, folder);
    return folder;
  }

  addVersion(file: FakeFile, content: ContentSource, by: Identity, source: FileVersion['source']): void {
    const common = {
      versionId: `${file.versions.length + 1}.0`,
      modifiedAt: now(this.opts),
      modifiedBy: by,
      source,
    };
    if (Buffer.isBuffer(content)) {
      const bytes = Buffer.from(content);
      file.versions.push({
        ...common,
        content: bytes,
        sha256: sha256(bytes),
        quickXorHash: quickXorHash(bytes),
        size: bytes.length,
      });
    } else {
      const { path, size } = content;
      file.versions.push({
        ...common,
        path,
        sha256: content.sha256,
        quickXorHash: content.quickXorHash,
        size,
        get content() {
          return readFileSync(path);
        },
      });
    }
    file.eTagSeq += 1;
    file.cTagSeq += 1;
  }

  /** conflictBehavior=rename: "name 1.ext", "name 2.ext"… */
  freePath(drive: FakeDrive, path: string): string {
    const slash = path.lastIndexOf('/');
    const dir = slash >= 0 ? path.slice(0, slash + 1) : '';
    const name = path.slice(slash + 1);
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 1; ; n++) {
      const candidate = `${dir}${stem} ${n}${ext}`;
      if (!this.lookup(drive, candidate)) return candidate;
    }
  }

  // ---------------------------------------------------------------- JSON shapes

  webUrl(drive: FakeDrive, path: string): string {
    return `https://${this.opts.siteHostname}${this.opts.sitePath}/${encodePath(drive.urlName)}${path ? `/${encodePath(path)}` : ''}`;
  }

  driveItemJson(item: FakeItem): Record<string, unknown> {
    const drive = this.drive(item.driveId)!;
    const parent = item.parentId ? this.byId.get(item.parentId) : undefined;
    const common = {
      id: item.itemId,
      name: item.name,
      eTag: eTag(item),
      webUrl: this.webUrl(drive, item.path),
      createdDateTime: item.createdAt,
      createdBy: identitySet(item.createdBy),
      parentReference: parent
        ? {
            driveType: 'documentLibrary',
            driveId: drive.id,
            id: parent.itemId,
            name: parent.path ? parent.name : drive.urlName,
            path: `/drives/${drive.id}/root:${parent.path ? `/${encodePath(parent.path)}` : ''}`,
            siteId: this.site.id,
          }
        : { driveType: 'documentLibrary', driveId: drive.id, siteId: this.site.id },
    };
    if (item.kind === 'folder') {
      const childCount = [...drive.items.values()].filter((i) => i.parentId === item.itemId).length;
      return {
        ...common,
        lastModifiedDateTime: item.createdAt,
        lastModifiedBy: identitySet(item.createdBy),
        size: 0,
        folder: { childCount },
        fileSystemInfo: { createdDateTime: item.createdAt, lastModifiedDateTime: item.createdAt },
      };
    }
    const newest = item.versions[item.versions.length - 1]!;
    return {
      ...common,
      cTag: `"c:{${item.eTagGuid}},${item.cTagSeq}"`,
      lastModifiedDateTime: newest.modifiedAt,
      lastModifiedBy: identitySet(newest.modifiedBy),
      size: newest.size,
      file: { mimeType: mimeType(item.name), hashes: { quickXorHash: newest.quickXorHash } },
      fileSystemInfo: { createdDateTime: item.createdAt, lastModifiedDateTime: newest.modifiedAt },
    };
  }

  private fieldsJson(file: FakeFile): Record<string, unknown> {
    const newest = file.versions[file.versions.length - 1]!;
    return {
      '@odata.etag': eTag(file),
      FileLeafRef: file.name,
      Created: file.createdAt,
      Modified: newest.modifiedAt,
      _UIVersionString: newest.versionId,
      ...file.fields,
      id: file.listItemId,
    };
  }

  private siteJson(): Record<string, unknown> {
    return {
      id: this.site.id,
      name: this.site.name,
      displayName: this.site.displayName,
      description: 'Protocolo para Intercambio de Datos',
      webUrl: this.site.webUrl,
      createdDateTime: this.site.createdAt,
      lastModifiedDateTime: now(this.opts),
      isPersonalSite: false,
      siteCollection: { hostname: this.opts.siteHostname },
    };
  }

  private driveJson(drive: FakeDrive, q: URLSearchParams): Record<string, unknown> {
    const expand = (q.get('$expand') ?? '').split(',').map((s) => s.trim());
    const used = [...drive.items.values()]
      .filter((i): i is FakeFile => i.kind === 'file')
      .reduce((n, f) => n + f.versions[f.versions.length - 1]!.size, 0);
    const total = 27_487_790_694_400;
    return {
      id: drive.id,
      name: drive.name,
      description: drive.description,
      driveType: 'documentLibrary',
      webUrl: this.webUrl(drive, ''),
      createdDateTime: drive.createdAt,
      lastModifiedDateTime: now(this.opts),
      createdBy: { user: { displayName: 'System Account' } },
      owner: { group: { id: randomUUID(), displayName: `Propietarios de ${this.site.displayName}` } },
      quota: { deleted: 0, remaining: total - used, state: 'normal', total, used },
      ...(expand.includes('list') || expand.includes('*')
        ? { list: { id: drive.listId, name: drive.urlName, displayName: drive.name } }
        : {}),
    };
  }
}

// -------------------------------------------------------------------- helpers

function now(opts: { now: () => number }): string {
  return new Date(opts.now()).toISOString();
}

function notFound(message = 'The resource could not be found.'): Reply {
  return graphError(404, 'itemNotFound', message);
}

export function nameAlreadyExists(): Reply {
  return graphError(409, 'nameAlreadyExists', 'The specified item name already exists.');
}

export function resourceModified(): Reply {
  return graphError(
    412,
    'resourceModified',
    'The resource has changed since the caller last read it; usually an eTag mismatch.',
  );
}

function eTag(item: FakeItem): string {
  return `"{${item.eTagGuid}},${item.eTagSeq}"`;
}

export function tagMatches(tag: string, item: FakeItem): boolean {
  if (tag.trim() === '*') return true;
  return sameTag(tag, eTag(item)) || (item.kind === 'file' && sameTag(tag, `"c:{${item.eTagGuid}},${item.cTagSeq}"`));
}

/** If-Match (eTag or cTag, or *) must match an existing item; If-None-Match must not. → 412 otherwise. */
export function preconditions(req: FakeRequest, item: FakeItem | undefined): Reply | undefined {
  const ifMatch = header(req, 'if-match');
  if (ifMatch && (!item || !tagMatches(ifMatch, item))) return resourceModified();
  const ifNoneMatch = header(req, 'if-none-match');
  if (ifNoneMatch && item && tagMatches(ifNoneMatch, item)) return resourceModified();
  return undefined;
}

export function identityOf(caller: Caller): Identity {
  return {
    application: { id: caller.clientId, displayName: caller.appDisplayName },
    ...(caller.user ? { user: { id: caller.user.oid, displayName: caller.user.name, email: caller.user.upn } } : {}),
  };
}

function identitySet(identity: Identity): Record<string, unknown> {
  return {
    ...(identity.application ? { application: { ...identity.application } } : {}),
    ...(identity.user ? { user: { ...identity.user } } : {}),
  };
}

function versionJson(v: FileVersion): Record<string, unknown> {
  return {
    id: v.versionId,
    lastModifiedDateTime: v.modifiedAt,
    size: v.size,
    lastModifiedBy: identitySet(v.modifiedBy),
  };
}

/** $select: keep the listed properties (and id, and OData annotations). */
function select(obj: Record<string, unknown>, q: URLSearchParams): Record<string, unknown> {
  const wanted = q.get('$select');
  if (!wanted) return obj;
  const keep = new Set(['id', ...wanted.split(',').map((s) => s.trim())]);
  return Object.fromEntries(Object.entries(obj).filter(([k]) => keep.has(k) || k.startsWith('@')));
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function itemId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `01${[...randomBytes(32)].map((b) => alphabet[b % 32]).join('')}`;
}
