// The item as the tab shows it: the detail, the item's card as each role sees it in chat, and its documents.
// Everything that shows item content goes through redactFor(caller, item) first, so a reader who is not entitled to
// a sensitive dataset's fields gets them hidden here, in the timeline and in every card alike.
import {
  allowedActions,
  canRead,
  currentDueAt,
  formatDate,
  holdersOf,
  invalid,
  notFound,
  forbidden,
  parseReference,
  redactAuditPayload,
  redactFor,
  resolveActor,
  toLocalDate,
  unitShortName,
  waitingOn,
  workingDaysLeft,
  type Actor,
  type CardView,
  type ChatContact,
  type Directory,
  type Convenio,
  type DocumentRow,
  type Item,
  deliveredFilesRight,
  seesFileAccess,
  shareExpiresAt,
  type DeliveredFileView,
  type FileAccessView,
  type ItemDetailView,
  type ItemKind,
  type Stamp,
} from '../../../protocol';
import { itemCard, type AdaptiveCard, type CardContext } from '../cards';
import type { Sql } from '../store/db';
import type { ItemsRepo } from '../store/items-repo';
import type { Runtime } from '../runtime';
import { readTimeline, withFileEvents } from '../store/timeline';
import { readFileEvents } from '../store/files-repo';

export const KINDS: Record<string, ItemKind> = { solicitudes: 'solicitud', convenios: 'convenio' };
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The item a path names by id or reference, if the caller may see it: 404 when absent, 403 when not theirs. */
export async function loadVisible(repo: ItemsRepo, kind: ItemKind, key: string, actor: Actor): Promise<Item> {
  let item: Item | undefined;
  if (UUID_RE.test(key)) item = await repo.get(key.toLowerCase());
  else if (parseReference(key)) item = await repo.findByReference(key.toUpperCase());
  else
    throw invalid('Identificador inválido: use el id o la referencia (SOL-AAAA-NNNN, CONV-AAAA-NNNN).', {
      id: 'inválido',
    });
  if (!item || item.kind !== kind)
    throw notFound(`No existe ${kind === 'solicitud' ? 'la solicitud' : 'el convenio'} ${key}.`);
  if (!canRead(actor, item)) throw forbidden('No tiene acceso a este registro.');
  return item;
}

/** Working days to the running deadline (negative when past), null when none runs: what the register rows say. */
export function itemWorkingDaysLeft(item: Item, rt: Runtime): number | null {
  const tz = rt.settings.timeZone;
  const due = currentDueAt(item, tz);
  return due ? workingDaysLeft(rt.calendar, rt.now(), toLocalDate(new Date(due), tz), tz) : null;
}

/** Where a reader downloads a delivered file (contract §6). */
export const downloadUrl = (reference: string, id: string): string =>
  `/api/v1/solicitudes/${reference}/archivos/${id}/contenido`;

/** The detail as GET /{segment}/{key} answers it (protocol/read-models.ts: the tab reads the same type). */
export type DetailView = ItemDetailView;

/** The requester's access to a delivery of files (the share expiry), or undefined for anyone else. */
function requesterAccess(item: Item, actor: Actor, rt: Runtime): FileAccessView | undefined {
  if (item.kind !== 'solicitud' || !item.delivery?.files?.length || deliveredFilesRight(actor, item) !== 'solicitante')
    return undefined;
  const until = shareExpiresAt(new Date(item.delivery.at), item.dataset.classification, rt.settings);
  return { hasta: until.toISOString(), vigente: rt.now() < until };
}

/**
 * The delivery's files as the reader may see them: from the item already redacted for them (a reader not entitled
 * to the sensitive fields sees neither the files nor their names), each with its download address when the reader
 * may open it now (protocol deliveredFilesRight; the requester while `access` runs).
 */
function deliveredFiles(
  shown: Item,
  item: Item,
  actor: Actor,
  access: FileAccessView | undefined,
): DeliveredFileView[] {
  if (shown.kind !== 'solicitud' || item.kind !== 'solicitud') return [];
  const open = deliveredFilesRight(actor, item) === 'supervision' || !!access?.vigente;
  return (shown.delivery?.files ?? []).map((f) => ({
    id: f.id,
    nombre: f.name,
    tamano: f.size,
    tipo: f.mediaType,
    sha256: f.sha256,
    ...(open ? { descargar: downloadUrl(item.reference, f.id) } : {}),
  }));
}

/**
 * GET /{segment}/{key}: the item redacted for the caller, what they may do, who it waits for, its history (with the
 * accesses to its delivered files the caller may see) and, for a request, its delivery's files.
 */
export async function detailView(sql: Sql, rt: Runtime, item: Item, actor: Actor): Promise<DetailView> {
  const { item: shown, hidden } = redactFor(actor, item);
  const access = requesterAccess(item, actor, rt);
  const audit = await readTimeline(sql, item.id);
  // A reader kept from the sensitive fields sees no file access either (they name the files).
  const accesses =
    item.kind === 'solicitud' && !hidden.length
      ? (await readFileEvents(sql, item.id)).filter((e) => seesFileAccess(actor, item, e))
      : [];
  const timeline = withFileEvents(audit, accesses);
  return {
    item: shown,
    allowedActions: allowedActions(item, actor),
    hidden,
    waitingOn: waitingOn(item, rt.directory),
    workingDaysLeft: itemWorkingDaysLeft(item, rt),
    contacts: chatContacts(item, rt.directory, actor),
    timeline: hidden.length
      ? timeline.map((e) => ({ ...e, payload: redactAuditPayload(item.kind, e.command, e.payload) }))
      : timeline,
    ...(item.kind === 'solicitud' ? { archivos: deliveredFiles(shown, item, actor, access) } : {}),
    ...(access ? { accesoArchivos: access } : {}),
  };
}

/**
 * The people the detail offers a Teams chat with ("Abrir chat"): first those the item waits for, then its other
 * parties; never the caller, each person once, only people the directory knows by e-mail.
 */
export function chatContacts(item: Item, directory: Directory, actor: Actor): ChatContact[] {
  const out: ChatContact[] = [];
  const add = (personId: string | undefined, why: string) => {
    const p = personId ? directory.people.find((x) => x.id === personId) : undefined;
    if (p?.email && p.id !== actor.personId && !out.some((c) => c.email === p.email))
      out.push({ name: p.name, email: p.email, why });
  };
  const holders = (role: Parameters<typeof holdersOf>[1], why: string, unitId?: string) =>
    holdersOf(directory, role, unitId).forEach((p) => add(p.id, why));
  if (item.kind === 'solicitud') {
    const unit = unitShortName(directory, item.ownerUnitId);
    add(item.assignee?.personId, `asignado(a) para responder (${unit})`);
    holders('responsable_unidad', `responsable de la unidad dueña (${unit})`, item.ownerUnitId);
    add(item.requester.personId, 'solicitante');
    if (item.overdue) holders('ugdt', 'UGDT (plazo vencido)');
  } else {
    if (item.state === 'visacion') holders('daj', 'visación jurídica (DAJ)');
    if (item.state === 'firma')
      for (const s of item.signers)
        if (!item.signatures.some((x) => x.signerId === s.id)) add(s.personId, `firmante (${s.position})`);
    add(item.proposer.personId, 'proponente');
    holders('secplan', 'SECPLAN');
    add(item.municipalTechnicalContact.personId, 'contraparte técnica municipal');
  }
  return out.slice(0, 8);
}

// ---------------------------------------------------------------------------------------------------------------
// The item's card per role

interface Slot {
  role: CardView['role'];
  title: string;
  /** People of the directory who hold the role for this item, most specific first. */
  candidates: string[];
}

function slotsOf(item: Item, rt: Runtime): Slot[] {
  const d = rt.directory;
  const ids = (role: Parameters<typeof holdersOf>[1], unitId?: string) => holdersOf(d, role, unitId).map((p) => p.id);
  if (item.kind === 'solicitud')
    return [
      { role: 'solicitante', title: 'Solicitante', candidates: [item.requester.personId] },
      {
        role: 'unidad_duena',
        title: `Unidad dueña (${unitShortName(d, item.ownerUnitId)})`,
        candidates: [
          ...(item.assignee ? [item.assignee.personId] : []),
          ...ids('responsable_unidad', item.ownerUnitId),
        ],
      },
      { role: 'ugdt', title: 'UGDT', candidates: ids('ugdt') },
      { role: 'control', title: 'Dirección de Control', candidates: ids('control') },
    ];
  return [
    { role: 'solicitante', title: 'Proponente', candidates: [item.proposer.personId] },
    { role: 'secplan', title: 'SECPLAN', candidates: ids('secplan') },
    {
      role: 'administrador_municipal',
      title: 'Administración Municipal',
      candidates: ids('administrador_municipal'),
    },
    { role: 'daj', title: 'Dirección de Asesoría Jurídica', candidates: ids('daj') },
    ...item.signers.flatMap((s): Slot[] =>
      s.personId ? [{ role: 'firmante', title: `Firmante (${s.position})`, candidates: [s.personId] }] : [],
    ),
    {
      role: 'secretaria_municipal',
      title: 'Secretaría Municipal (decreto)',
      candidates: ids('secretaria_municipal'),
    },
    { role: 'control', title: 'Dirección de Control', candidates: ids('control') },
  ];
}

type Json = Record<string, unknown>;
const isObj = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
/** Containers that a stripped card may leave empty: drawn empty they would only add blank space. */
const EMPTY_IF_NO = { Container: 'items', Column: 'items', ColumnSet: 'columns' } as Record<string, string>;

/**
 * Another role's card, read-only: every action (buttons, forms, row taps), every input, the refresh and the
 * ActionSets and containers left empty are removed, so nothing on it can be clicked or submitted.
 */
export function stripActions(card: AdaptiveCard): AdaptiveCard {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip).filter((x) => x !== undefined);
    if (!isObj(node)) return node;
    const type = typeof node.type === 'string' ? node.type : '';
    if (type.startsWith('Action.') || type.startsWith('Input.') || type === 'ActionSet') return undefined;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'refresh' || k === 'selectAction' || k === 'actions') continue;
      out[k] = strip(v);
    }
    const list = EMPTY_IF_NO[type];
    if (list && Array.isArray(out[list]) && (out[list] as unknown[]).length === 0) return undefined;
    return out;
  };
  return strip(card) as AdaptiveCard;
}

/**
 * The item's current card as each role involved sees it in chat, one real person of the directory per role (the
 * caller when they hold it), rendered by the bot's own renderers from the item as the CALLER may see it: another
 * role's card never shows what the caller's redaction hides. The caller's own view keeps its actions (exactly
 * cardActionsFor(item, caller)); the others are stripped (stripActions). A caller who holds none of the roles gets
 * a reader's view of their own at the end.
 */
export function cardViews(item: Item, actor: Actor, rt: Runtime, ctx: CardContext): CardView[] {
  const shown = redactFor(actor, item).item;
  const today = toLocalDate(ctx.now, rt.settings.timeZone);
  const used = new Set<string>();
  const views: CardView[] = [];
  const render = (viewer: Actor) => itemCard(shown, ctx, { viewer, refreshUserIds: [] });
  for (const slot of slotsOf(item, rt)) {
    const free = slot.candidates.filter((id) => !used.has(id));
    const personId = free.includes(actor.personId) ? actor.personId : free[0];
    const viewer = personId && resolveActor(rt.directory, personId, today);
    if (!viewer) continue;
    used.add(viewer.personId);
    const mine = viewer.personId === actor.personId;
    views.push({
      label: `${slot.title} — ${viewer.name}`,
      role: slot.role,
      mine,
      card: mine ? render(actor) : stripActions(render(viewer)),
    });
  }
  if (!used.has(actor.personId))
    views.push({ label: `Su vista — ${actor.name}`, role: 'lector', mine: true, card: render(actor) });
  return views;
}

// ---------------------------------------------------------------------------------------------------------------
// Documents

const DOCUMENT_KIND_LABELS: Record<Convenio['documents'][number]['kind'], string> = {
  borrador: 'Borrador',
  firmado_fea: 'Firmado con firma electrónica avanzada',
  certificado: 'Certificado',
};

const byWhom = (s: Pick<Stamp, 'by' | 'onBehalfOf'>) =>
  s.onBehalfOf ? `${s.by.name} (subrogando a ${s.onBehalfOf.name})` : s.by.name;

/**
 * GET /convenios/{key}/documentos: every document version, newest first, with the legal reviews, observations and
 * signatures bound to it. Reviews are reset by an observation in the item, so they are read from the audit log,
 * where each one names the version and hash it was given on. `item` is already redacted for the caller.
 */
export async function documentRows(
  sql: Sql,
  item: Convenio,
  timeZone: string,
  canOpen: boolean,
): Promise<DocumentRow[]> {
  const { rows } = await sql.query<{
    command: string;
    at: Date | string;
    actor_id: string;
    actor_name: string;
    on_behalf_of_name: string | null;
    payload: Record<string, unknown>;
  }>(
    `SELECT command, at, actor_id, actor_name, on_behalf_of_name, payload FROM audit_events
      WHERE item_id = $1 AND command = ANY($2::text[]) ORDER BY seq`,
    [item.id, ['visar', 'registrar_visacion_externa', 'firmar']],
  );
  const day = (at: Date | string) => formatDate(toLocalDate(new Date(at), timeZone));
  const bound = new Map<number, string[]>();
  const bind = (version: unknown, line: string) => {
    if (typeof version !== 'number') return;
    bound.set(version, [...(bound.get(version) ?? []), line]);
  };
  for (const e of rows) {
    const who = e.on_behalf_of_name ? `${e.actor_name} (subrogando a ${e.on_behalf_of_name})` : e.actor_name;
    if (e.command === 'visar') bind(e.payload.version, `Visación de la DAJ: ${who}, ${day(e.at)}`);
    else if (e.command === 'registrar_visacion_externa')
      bind(
        e.payload.version,
        `Visación de ${item.entity.name}: ${String(e.payload.reviewer)} (registrada por ${who}), ${day(e.at)}`,
      );
    else {
      const signer = item.signers.find((s) => s.id === e.payload.signerId);
      const method = e.payload.method === 'fea' ? 'FEA' : 'FES';
      const name = signer ? `${signer.name} (${signer.position})` : String(e.payload.signerId);
      // SECPLAN records a counterpart's signature with evidence: then the line says who recorded it.
      const recorded = signer?.personId === e.actor_id ? '' : `, registrada por ${who}`;
      bind(e.payload.version, `Firma de ${name}, ${method}${recorded}, ${day(e.at)}`);
    }
  }
  for (const o of item.observations)
    bind(
      o.version,
      `Observación ${o.side === 'municipal' ? 'de la DAJ' : `de ${item.entity.name}`}: ${byWhom(o)}, ${day(o.at)}`,
    );
  return [...item.documents].reverse().map((d) => ({
    version: d.version,
    kind: d.kind,
    kindLabel: DOCUMENT_KIND_LABELS[d.kind],
    fileName: d.fileName,
    sha256: d.sha256,
    url: d.url ?? null,
    canOpen,
    at: new Date(d.at).toISOString(),
    by: byWhom(d),
    // Reviews and signatures name borrador versions; an FEA upload or a certificate is numbered on its own.
    boundTo: d.kind === 'borrador' ? (bound.get(d.version) ?? []) : [],
  }));
}
