import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  activityId?: string;
  activity: { type: string; id?: string; text?: string; attachments?: { contentType: string; content: unknown }[] };
}

/**
 * A stand-in for the Bot Connector service that receives the bot's replies, proactive messages and updates
 * (what the Agents Playground or Teams would get). It can answer 429 with Retry-After to test throttling.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server!: Server;
  private throttleNext = 0;
  private seq = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /** The next `n` calls get 429 with Retry-After: 1. */
  throttle(n: number) {
    this.throttleNext = n;
  }

  async stop() {
    await new Promise((r) => this.server.close(r));
  }

  cardsIn(conversationId: string) {
    return this.calls
      .filter((c) => c.conversationId === conversationId)
      .flatMap((c) =>
        (c.activity.attachments ?? []).map((a) => ({ call: c, card: a.content as Record<string, unknown> })),
      );
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const m = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (!m) return void res.writeHead(404).end('{}');
    if (this.throttleNext > 0) {
      this.throttleNext -= 1;
      res.writeHead(429, { 'retry-after': '1' }).end('{"error":{"code":"TooManyRequests"}}');
      return;
    }
    const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    const conversationId = decodeURIComponent(m[1]!);
    if (req.method === 'PUT') {
      this.calls.push({ method: 'PUT', conversationId, activityId: decodeURIComponent(m[2]!), activity });
      return void res.end(JSON.stringify({ id: decodeURIComponent(m[2]!) }));
    }
    const id = `actividad-${++this.seq}`;
    this.calls.push({ method: 'POST', conversationId, activityId: id, activity });
    res.end(JSON.stringify({ id }));
  }
}

/** Every Action.Execute verb in a card, depth first (ShowCard bodies included). */
export function executeVerbs(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'Action.Execute' && typeof o.verb === 'string') out.push(o.verb);
    for (const [k, v] of Object.entries(o)) if (k !== 'refresh' && k !== 'fallback') walk(v);
  };
  walk(card);
  return out;
}

/** All visible text of a card, for assertions on what a person reads. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    for (const k of ['text', 'title', 'value', 'label', 'placeholder'])
      if (typeof o[k] === 'string') out.push(o[k] as string);
    for (const [k, v] of Object.entries(o)) if (k !== 'data' && k !== 'refresh') walk(v);
  };
  walk(card);
  return out.join('\n');
}

/** The action titled `title` anywhere in a card: a form's buttons sit inside its ShowCard. */
export function findAction(node: unknown, title: string): { data?: unknown } | undefined {
  if (!node || typeof node !== 'object') return undefined;
  if ((node as { title?: unknown }).title === title) return node as { data?: unknown };
  for (const v of Object.values(node)) {
    const hit = findAction(v, title);
    if (hit) return hit;
  }
  return undefined;
}
