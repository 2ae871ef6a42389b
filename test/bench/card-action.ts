/**
 * Card action latency over HTTP at 16 concurrent clients: an Action.Execute invoke on /api/messages that carries out
 * a protocol command (decide + transaction + audit + outbox) and answers the refreshed card, beside a bare
 * botbuilder invoke handler (same adapter, static card, no database) measured in the same run.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsActivityHandler } from 'botbuilder';
import { loadConfig } from '../../bot/src/config';
import { startService } from '../../bot/src/service';
import { serverTiming } from '../../bot/src/server-timing';
import { solicitudBody } from '../support/fixtures';
import { activityFrom, executeInvoke } from '../support/teams-activity';

const CLIENTS = 16;
const PER_CLIENT = Number(process.env.BENCH_CARD_ACTIONS ?? 60);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function bareBot(): Promise<{ url: string; close: () => void }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  class Bare extends TeamsActivityHandler {
    protected override async onAdaptiveCardInvoke() {
      return {
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
        value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Listo' }] },
      };
    }
  }
  const bot = new Bare();
  const app = express();
  app.use(serverTiming);
  app.post('/api/messages', express.json(), async (req, res) => adapter.process(req, res, (c) => bot.run(c)));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

async function drive(url: string, bodies: (i: number, client: number) => unknown): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const t = performance.now();
        const r = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(bodies(i, client)),
        });
        await r.text();
        if (r.status !== 200) throw new Error(`respuesta ${r.status}`);
        const server = /app;dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '');
        times.push(server ? Number(server[1]) : performance.now() - t);
      }
    }),
  );
  return times;
}

export async function benchCardActions(engine: 'pglite' | 'postgres', databaseUrl?: string) {
  const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOBS_INTERVAL_MS: '0' }) };
  config.database = { url: databaseUrl, dataDir: 'memory://', poolSize: CLIENTS };
  const svc = await startService(config, { now: () => new Date('2026-09-15T13:00:00Z') });
  const bare = await bareBot();
  try {
    // One request per client, so the clients never contend for the same row.
    const items: { id: string; version: number }[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const r = await fetch(`${svc.url}/api/v1/solicitudes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-persona': 'alex.wilber' },
        body: JSON.stringify(solicitudBody()),
      });
      const { item } = (await r.json()) as { item: { id: string; version: number } };
      items.push({ id: item.id, version: item.version });
    }
    const serviceUrl = 'http://127.0.0.1:9/'; // invokes answer in the HTTP response: nothing is sent there
    // Warm-up of both paths.
    await drive(bare.url, () => activityFrom('lynne.robbins', serviceUrl, executeInvoke('ayuda', {})));
    const ours = await drive(svc.url, (_i, c) => {
      const item = items[c]!;
      const body = activityFrom(
        'lynne.robbins',
        serviceUrl,
        executeInvoke('solicitud.comentar', { ...item, 'comentar.text': 'Seguimiento' }),
      );
      item.version += 1;
      return body;
    });
    const baseline = await drive(bare.url, () => activityFrom('lynne.robbins', serviceUrl, executeInvoke('ayuda', {})));
    return {
      engine,
      actions: ours.length,
      p50: pct(ours, 50),
      p99: pct(ours, 99),
      bareP50: pct(baseline, 50),
      bareP99: pct(baseline, 99),
    };
  } finally {
    bare.close();
    await svc.stop();
  }
}
