// What a card submits → the raw object the protocol parses. Teams sends every input as a string keyed by the input
// id; this file turns those back into the shapes of the protocol's commands and creation inputs. It decides
// nothing: parseCommand / parseCreate (zod) still check every value, so a forged submit gains nothing here.
import {
  findPerson,
  holdersOf,
  invalid,
  parseCommand,
  ROLE_LABELS,
  type Command,
  type Directory,
  type ItemKind,
} from '../../../protocol';
import type { ActionData } from './contract';
import { INTAKE } from './textos/comun';

/**
 * Inputs of one command are named `<command>.<field>` (nested fields with more dots), so the forms of several
 * commands can live on one card without clashing ids. `firmar` appears once per signer, hence `firmar@<signerId>.`.
 */
export const inputPrefix = (command: string, signerId?: string): string =>
  signerId ? `${command}@${signerId}.` : `${command}.`;

export const inputId = (command: string, field: string, signerId?: string): string =>
  inputPrefix(command, signerId) + field;

const NUMBER_FIELDS = new Set(['amount', 'months', 'durationMonths']);
/** Typed as "a, b, c" in a single text box. */
const LIST_FIELDS = new Set(['fields', 'datasets', 'categories']);
/** Input.Toggle submits "true" / "false". */
const BOOLEAN_FIELDS = new Set(['ok', 'largeScale']);

/**
 * What the card itself puts in `data` next to the inputs, by command field. `version` in `data` is the item's
 * version (checked by the router), so the document version travels as `docVersion`.
 */
const CARRIED: Record<string, string> = { docVersion: 'version', sha256: 'sha256', signerId: 'signerId', side: 'side' };
const ENVELOPE = new Set(['verb', 'id', 'version']);

function convert(field: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.trim();
  if (v === '') return undefined; // an optional input left blank is absent, not an empty string
  if (NUMBER_FIELDS.has(field)) return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  if (LIST_FIELDS.has(field))
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (BOOLEAN_FIELDS.has(field)) return v === 'true' ? true : v === 'false' ? false : v;
  return v;
}

/** Sets `a.b.c` on `target`, creating the objects on the way. Prototype keys are refused (the path is user input). */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  if (keys.some((k) => k === '' || k === '__proto__' || k === 'constructor' || k === 'prototype')) return;
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const field = keys.at(-1)!;
  const converted = convert(field, value);
  if (converted !== undefined) node[field] = converted;
}

const KINDS: readonly ItemKind[] = ['solicitud', 'convenio'];

/** `<kind>.<command>` of an item card's button; undefined for UI verbs, intake forms (`crear`) and anything else. */
export function splitItemVerb(verb: string): { kind: ItemKind; command: string } | undefined {
  const [kindText, command, ...rest] = verb.split('.');
  const kind = KINDS.find((k) => k === kindText);
  if (!kind || !command || rest.length || command === 'crear') return undefined;
  return { kind, command };
}

/** The protocol command a card submitted (400 DATOS_INVALIDOS when the inputs do not make one). */
export function commandFromCard(kind: ItemKind, command: string, data: ActionData): Command {
  return parseCommand(kind, commandFromInvoke(kind, command, data));
}

/** The raw command for `parseCommand(kind, …)` from an Action.Execute's merged data (inputs + card data). */
export function commandFromInvoke(kind: ItemKind, command: string, data: ActionData): Record<string, unknown> {
  const raw: Record<string, unknown> = { type: command };
  if (kind === 'convenio')
    for (const [key, field] of Object.entries(CARRIED)) if (data[key] !== undefined) raw[field] = data[key];
  const prefix = inputPrefix(command, typeof data.signerId === 'string' ? data.signerId : undefined);
  for (const [key, value] of Object.entries(data)) {
    const field = key.slice(prefix.length);
    // The command comes from the verb, never from an input that happens to be called `type`.
    if (key.startsWith(prefix) && field !== 'type') setPath(raw, field, value);
  }
  return raw;
}

/**
 * The raw creation input for `parseCreate(kind, …)` from an intake form. Input ids are the paths of the creation
 * schema (`dataset.classification.access`). A convenio names people by directory id only; their names, e-mail and
 * the municipal signer (the Alcalde) come from `directory`, never from what the client sent back.
 */
export function createFromInvoke(kind: ItemKind, data: ActionData, directory?: Directory): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!ENVELOPE.has(key)) setPath(raw, key, value);
  if (kind === 'solicitud') return raw;
  if (!directory) throw new Error('createFromInvoke: un convenio necesita el directorio');
  const { dataset, externalSigner, municipalTechnicalContact, ...rest } = raw as Record<string, unknown> & {
    externalSigner?: Record<string, unknown>;
    municipalTechnicalContact?: { personId?: string };
  };
  const contactId = municipalTechnicalContact?.personId;
  const contact = contactId ? findPerson(directory, contactId) : undefined;
  if (contactId && !contact)
    throw invalid(INTAKE.unknownContact, { 'municipalTechnicalContact.personId': INTAKE.unknownContactField });
  const mayor = holdersOf(directory, 'alcalde')[0];
  return {
    ...rest,
    ...(dataset ? { datasets: [dataset] } : {}),
    ...(contact
      ? {
          municipalTechnicalContact: {
            name: contact.name,
            email: contact.email,
            personId: contact.id,
            ...(contact.position ? { position: contact.position } : {}),
          },
        }
      : {}),
    signers: [
      ...(mayor
        ? [
            {
              side: 'municipalidad',
              name: mayor.name,
              position: mayor.position ?? ROLE_LABELS.alcalde,
              personId: mayor.id,
            },
          ]
        : []),
      { side: 'contraparte', ...externalSigner },
    ],
  };
}

/**
 * The intake form's input id for a path of the creation schema (to put a refused form's reasons under their
 * fields), the inverse of createFromInvoke above: the inputs are those paths, except what it reshapes for a convenio: its one dataset (`datasets.0.…` ← `dataset.…`), the counterpart's
 * signer (`signers.N.…` ← `externalSigner.…`; the municipal signer comes from the directory) and the technical
 * contact chosen from the directory.
 */
export function intakeInputId(kind: ItemKind, path: string): string {
  if (kind === 'solicitud') return path;
  if (/^datasets(\.\d+)?$/.test(path)) return 'dataset.name';
  if (/^signers(\.\d+)?$/.test(path)) return 'externalSigner.name';
  if (path.startsWith('municipalTechnicalContact')) return 'municipalTechnicalContact.personId';
  return path.replace(/^datasets\.\d+\./, 'dataset.').replace(/^signers\.\d+\./, 'externalSigner.');
}
