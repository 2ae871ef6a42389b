import { SendRateLimiter, throttleInfo } from '../../../bot/src/teams/rate-limiter';
import { parseTextCommand } from '../../../bot/src/teams/text-commands';

/** A simulated clock: sleeping advances it, so the limiter's waits are observable without real time. */
function simulated() {
  let now = 0;
  const sends: number[] = [];
  const limiter = new SendRateLimiter(
    7,
    50,
    1000,
    () => now,
    async (ms) => {
      now += ms;
    },
  );
  return { limiter, sends, at: () => now };
}

describe('SendRateLimiter (Teams: 7/s per conversation, 50/s per app)', () => {
  it('lets 7 sends to one conversation through at once and holds the 8th for the rest of the second', async () => {
    const { limiter, at } = simulated();
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      await limiter.acquire('conv-a');
      times.push(at());
    }
    expect(times.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(times.slice(7, 14)).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000]);
    expect(times[14]).toBe(2000);
  });

  it('caps the whole app at 50 per second across conversations', async () => {
    const { limiter, at } = simulated();
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      await limiter.acquire(`conv-${i}`);
      times.push(at());
    }
    expect(times.filter((t) => t === 0)).toHaveLength(50);
    expect(times.slice(50).every((t) => t === 1000)).toBe(true);
  });

  it('reads status and Retry-After from a Bot Connector error', () => {
    const headers = { get: (k: string) => (k === 'retry-after' ? '3' : null) };
    expect(throttleInfo({ statusCode: 429, response: { headers } })).toEqual({ status: 429, retryAfterMs: 3000 });
    expect(throttleInfo(new Error('x'))).toEqual({ status: undefined });
  });
});

describe('Spanish text commands', () => {
  it.each([
    ['ayuda', { verb: 'ayuda' }],
    ['  AYUDA ', { verb: 'ayuda' }],
    ['<at>Intercambio de Datos</at> nueva solicitud', { verb: 'nueva_solicitud' }],
    ['Nuevo Convenio', { verb: 'nuevo_convenio' }],
    ['mis solicitudes', { verb: 'mis_solicitudes' }],
    ['pendientes', { verb: 'pendientes' }],
    ['buscar sol-2026-0007', { verb: 'buscar', reference: 'SOL-2026-0007' }],
    ['CONV-2026-0002', { verb: 'buscar', reference: 'CONV-2026-0002' }],
    ['buscar algo', { verb: 'desconocido', text: 'buscar algo' }],
    ['hola', { verb: 'desconocido', text: 'hola' }],
  ])('%j → %j', (text, expected) => {
    expect(parseTextCommand(text)).toEqual(expected);
  });
});
