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

/** A dialog's invoke as Teams sends it: task/fetch when a card's button opens it, task/submit with what it returned. */
export const taskInvoke = (name: 'task/fetch' | 'task/submit', data: unknown) => ({
  type: 'invoke',
  name,
  value: { data },
});

/**
 * An activity from `personId` posted to the bot of the service at `serviceUrl`, as Teams would post it; the bot
 * answers through the connector at `connectorUrl`. The HTTP answer: status, text, and its JSON when it is JSON.
 */
export async function postActivity(
  serviceUrl: string,
  connectorUrl: string,
  personId: string,
  body: Record<string, unknown>,
  where: { channel?: boolean } = {},
) {
  const r = await fetch(`${serviceUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activityFrom(personId, connectorUrl, body, where)),
  });
  const text = await r.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read whatever the bot answered
  return { status: r.status, text, body: json as any };
}
