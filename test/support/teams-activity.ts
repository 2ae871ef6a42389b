import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const people = (
  JSON.parse(readFileSync(join(process.cwd(), 'config', 'directory.local.json'), 'utf8')) as {
    people: { id: string; name: string; aadObjectId?: string }[];
  }
).people;

export const TENANT = '00000000-0000-0000-0000-0000000000001';
export const CHANNEL = '19:ugdt-solicitudes@thread.tacv2';

/** A Teams activity from a persona of the local directory, as the Agents Playground sends it. */
export function activityFrom(
  personId: string,
  serviceUrl: string,
  body: Record<string, unknown>,
  where: { channel?: boolean } = {},
) {
  const p = people.find((x) => x.id === personId);
  if (!p?.aadObjectId) throw new Error(`persona desconocida: ${personId}`);
  const conversation = where.channel
    ? { id: CHANNEL, conversationType: 'channel', tenantId: TENANT, isGroup: true }
    : { id: `personal-${personId}`, conversationType: 'personal', tenantId: TENANT };
  return {
    channelId: 'msteams',
    serviceUrl,
    id: `act-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    from: { id: `29:${personId}`, name: p.name, aadObjectId: p.aadObjectId },
    recipient: { id: '28:intercambio', name: 'Intercambio de Datos' },
    conversation,
    channelData: {
      tenant: { id: TENANT },
      ...(where.channel ? { channel: { id: CHANNEL }, team: { id: '19:equipo' } } : {}),
    },
    ...body,
  };
}

export const message = (text: string) => ({ type: 'message', text });

export const executeInvoke = (verb: string, data: Record<string, unknown>, replyToId?: string) => ({
  type: 'invoke',
  name: 'adaptiveCard/action',
  ...(replyToId ? { replyToId } : {}),
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
});
