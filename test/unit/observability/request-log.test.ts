import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLogger } from '../../../bot/src/logger';
import { requestLog } from '../../../bot/src/observability/request-log';
import { currentRequestId } from '../../../bot/src/request-context';

/** The middleware alone: the request context survives body parsing and awaits, so handlers' lines carry the id. */
describe('requestLog middleware', () => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  const log = createLogger('debug', {}, destination);
  let url = '';
  let close: () => void = () => undefined;

  beforeAll(async () => {
    const app = express();
    app.use(requestLog(log));
    app.post('/eco', express.json(), async (req, res) => {
      log.info('antes de esperar', { seen: currentRequestId() });
      await new Promise((r) => setTimeout(r, 5));
      log.info('después de esperar');
      res.json({ body: req.body as unknown, requestId: currentRequestId() });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('runs the handler, after express.json, inside the request id', async () => {
    const r = await fetch(`${url}/eco?nombre=Juana`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-eco-1' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(await r.json()).toEqual({ body: { a: 1 }, requestId: 'req-eco-1' });
    expect(r.headers.get('x-request-id')).toBe('req-eco-1');
    await new Promise((res) => setTimeout(res, 20));
    const mine = lines.filter((l) => l.requestId === 'req-eco-1');
    expect(mine.map((l) => l.msg)).toEqual(['antes de esperar', 'después de esperar', 'solicitud http']);
    expect(mine[0]!.seen).toBe('req-eco-1');
    expect(mine[2]).toMatchObject({ method: 'POST', path: '/eco', route: '/eco', status: 200 });
    expect(typeof mine[2]!.durationMs).toBe('number');
  });

  it('keeps concurrent requests apart', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `paralelo-${i}`);
    await Promise.all(
      ids.map((id) =>
        fetch(`${url}/eco`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': id },
          body: '{}',
        }).then((r) => r.json()),
      ),
    );
    await new Promise((res) => setTimeout(res, 20));
    for (const id of ids)
      expect(lines.filter((l) => l.requestId === id).map((l) => l.msg)).toEqual([
        'antes de esperar',
        'después de esperar',
        'solicitud http',
      ]);
    for (const l of lines.filter((x) => x.msg === 'antes de esperar')) expect(l.seen).toBe(l.requestId);
  });
});
