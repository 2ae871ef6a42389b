import { Writable } from 'node:stream';
import { createLogger, REDACTED, redactSecrets, type Logger } from '../../../bot/src/logger';
import { runWithRequest } from '../../../bot/src/request-context';

/** A logger at `level` whose lines are collected, parsed. */
function memoryLogger(level: 'debug' | 'info' | 'warn' = 'debug'): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger(level, { instance: 'instancia-prueba' }, destination), lines };
}

describe('the service logger (pino)', () => {
  it('writes one JSON line with t, level name, msg, instance and the data', () => {
    const { log, lines } = memoryLogger();
    log.info('servicio iniciado', { url: 'http://127.0.0.1:1' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'servicio iniciado', instance: 'instancia-prueba' });
    expect(lines[0]!.url).toBe('http://127.0.0.1:1');
    expect(new Date(String(lines[0]!.t)).toISOString()).toBe(lines[0]!.t);
  });

  it('keeps to its level', () => {
    const { log, lines } = memoryLogger('warn');
    log.debug('a');
    log.info('b');
    log.warn('c');
    log.error('d');
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'c'],
      ['error', 'd'],
    ]);
  });

  it('names the module of a child logger', () => {
    const { log, lines } = memoryLogger();
    log.child({ module: 'outbox' }).warn('envíos fallidos', { fallidos: 1 });
    expect(lines[0]).toMatchObject({
      module: 'outbox',
      msg: 'envíos fallidos',
      fallidos: 1,
      instance: 'instancia-prueba',
    });
  });

  it('never writes tokens, secrets, passwords, cookies or Authorization headers', () => {
    const { log, lines } = memoryLogger();
    log.info('llamada', {
      token: 'tok-1',
      password: 'clave-1',
      secret: 'sec-1',
      headers: { authorization: 'Bearer eyJ-1', cookie: 'c=1', accept: 'application/json' },
      credentials: { clientSecret: 'cs-1', accessToken: 'at-1', clientId: 'id-visible' },
      deeper: { graph: { access_token: 'at-2', refreshToken: 'rt-1', status: 429 } },
      Authorization: 'Bearer eyJ-2',
      'set-cookie': 'sid=1',
      intentos: [{ Token: 'tok-2', n: 1 }],
    });
    const text = JSON.stringify(lines[0]);
    for (const secret of [
      'tok-1',
      'clave-1',
      'sec-1',
      'eyJ-1',
      'c=1',
      'cs-1',
      'at-1',
      'at-2',
      'rt-1',
      'eyJ-2',
      'sid=1',
    ])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      token: REDACTED,
      password: REDACTED,
      headers: { authorization: REDACTED, cookie: REDACTED, accept: 'application/json' },
      credentials: { clientSecret: REDACTED, accessToken: REDACTED, clientId: 'id-visible' },
      deeper: { graph: { access_token: REDACTED, refreshToken: REDACTED, status: 429 } },
      intentos: [{ Token: REDACTED, n: 1 }],
    });
  });

  it('leaves the caller’s object as it was, and copies nothing without secrets', () => {
    const data = { headers: { authorization: 'Bearer x' }, n: 1 };
    expect(redactSecrets(data)).toEqual({ headers: { authorization: REDACTED }, n: 1 });
    expect(data.headers.authorization).toBe('Bearer x');
    const clean = { a: { b: [1, { c: 'd' }] }, when: new Date(0) };
    expect(redactSecrets(clean)).toBe(clean);
  });

  it('redacts secrets in a child logger’s bindings too', () => {
    const { log, lines } = memoryLogger();
    log.child({ module: 'graph', clientSecret: 'cs-9' }).info('x');
    expect(JSON.stringify(lines[0])).not.toContain('cs-9');
  });

  it('carries the request id of the request being handled, and none outside one', async () => {
    const { log, lines } = memoryLogger();
    log.info('antes');
    await runWithRequest({ requestId: 'req-123' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      log.child({ module: 'teams' }).info('durante');
    });
    log.info('después');
    expect(lines.map((l) => l.requestId)).toEqual([undefined, 'req-123', undefined]);
  });
});
