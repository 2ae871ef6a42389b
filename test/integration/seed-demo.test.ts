import { buildChileCalendar } from '../../bot/src/calendar/chile-holidays';
import { seedDemo } from '../../bot/src/cli/seed-demo';
import { verifyAuditChain } from '../../bot/src/store/audit-chain';
import { startTestService, type TestService } from '../support/service';

/**
 * `npm run seed-demo` lays its stories out backwards from the day it runs and replays them through the real
 * repository, so a rule of the protocol that changes (issue 12: "indicar plazo" only within the legal period) can
 * break it on some days and not others. Replayed here from today and from the first working day after New Year, when
 * holidays and the long weekend move every working-day deadline.
 */
const DAYS = [new Date(), new Date('2027-01-04T12:00:00Z')];

describe('the demonstration data', () => {
  let svc: TestService | undefined;
  afterEach(async () => {
    await svc?.close();
    svc = undefined;
  });

  it.each(DAYS)('replays every story through the protocol when run on %s', async (realNow) => {
    svc = await startTestService(realNow.toISOString());
    const year = realNow.getUTCFullYear();
    const calendar = buildChileCalendar({}, [year - 2, year - 1, year, year + 1, year + 2]);
    const { repo, stories } = await seedDemo(svc.db, { ...svc.rt, calendar }, realNow);
    const items = await repo.getMany(stories.flatMap((s) => (s.id ? [s.id] : [])));
    expect(items.length).toBe(stories.length);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['solicitud', 'convenio']));
    // Requests waiting, acknowledged and closed, among them one delivered within an extension UGDT granted.
    const states = new Set(items.map((i) => i.state));
    for (const s of ['enviada', 'recibida', 'cerrada']) expect(states).toContain(s);
    expect(
      items.some((i) => i.kind === 'solicitud' && i.extensionRequests?.some((e) => e.status === 'concedida')),
    ).toBe(true);
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
  });
});
