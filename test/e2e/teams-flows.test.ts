import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { ROOT, TEAM } from '../../scripts/playground/lib';
import { solicitudBody } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';
import {
  launchChromium,
  openClient,
  startPlaygrounds,
  type CardInfo,
  type PlaygroundClient,
  type PlaygroundHandle,
} from './support/playground';
import { until } from './support/playground-page';

/**
 * The three main flows end to end, as people live them in Teams: one Microsoft 365 Agents Playground per persona
 * (each its own browser context) against the real service started in-process, on a test clock that starts on
 * Tuesday 15-09-2026 at 10:00 in Santiago. Background jobs run only when a step calls runJobs(), so every notice
 * arrives at a known moment. Each step leaves a screenshot in artifacts/e2e/.
 */
const PERSONAS = [
  'alex.wilber', // DOM, requester
  'lynne.robbins', // DIDECO, responsable de unidad
  'megan.bowen', // UGDT
  'diego.siciliani', // Salud, responsable de unidad
  'adele.vance', // SECPLAN
  'patti.fernandez', // Administradora Municipal
  'isaiah.langer', // DAJ
  'nestor.wilke', // Alcalde
  'joni.sherman', // Secretaría Municipal
] as const;
type Persona = (typeof PERSONAS)[number];

const STALE = 'Esta tarjeta estaba desactualizada';
const CHANNEL_ID = TEAM.channels[0]!.id;
// Bars as the person sees them (issue 14 §3): the next step first (the one primary button), one or two more in
// view, the rest in the overflow menu («… »), what ends the request last.
const REQUESTER = ['Comentar', '… Cancelar solicitud'];
const OWNER_TAIL = ['… Corregir clasificación', '… Comentar', '… No disponible', '… Rechazar con fundamento'];
/** Before the acknowledgment: «Acusar recibo» leads. */
const OWNER_NEW = ['Acusar recibo', 'Entregar', 'Indicar plazo', '… Solicitar prórroga', ...OWNER_TAIL];
const OWNER = ['Entregar', 'Indicar plazo', 'Solicitar prórroga', ...OWNER_TAIL];
/** After the answer deadline expired the unit can no longer ask for an extension (Ley 19.880 art. 26). */
const OWNER_NEW_LATE = ['Acusar recibo', 'Entregar', 'Indicar plazo', ...OWNER_TAIL];
const UGDT = ['Recordar', 'Reasignar', 'Prorrogar', '… Comentar', '… Cerrar solicitud'];
/** After expiry: no «Prorrogar», an oficio reiterativo instead, and it leads. */
const UGDT_LATE = ['Reiterar', 'Recordar', 'Reasignar', '… Comentar', '… Cerrar solicitud'];

let svc: TestService;
let playgrounds: PlaygroundHandle[] = [];
let browser: Browser;
let mailDir: string;
const c = {} as Record<Persona, PlaygroundClient>;

beforeAll(async () => {
  execFileSync('bash', ['scripts/ensure-chromium.sh'], { cwd: ROOT, stdio: 'inherit' });
  mailDir = mkdtempSync(join(tmpdir(), 'idd-correo-'));
  svc = await startTestService('2026-09-15T13:00:00Z', {
    config: {
      jobsIntervalMs: 0,
      ugdtChannelId: CHANNEL_ID,
      mail: { from: 'intercambio-datos@quillota.cl', outboxDir: mailDir },
    },
  });
  [playgrounds, browser] = await Promise.all([
    startPlaygrounds([...PERSONAS], `${svc.url}/api/messages`),
    launchChromium(),
  ]);
  // Every personal chat reaches the bot (installationUpdate) before any flow: notices need those references.
  // Three clients at a time: nine browser pages loading at once compete for the CPU and time out.
  for (let i = 0; i < PERSONAS.length; i += 3) {
    const batch = PERSONAS.slice(i, i + 3);
    const opened = await Promise.all(
      batch.map((_, j) => openClient(browser, playgrounds[i + j]!, { viewport: { width: 1280, height: 1100 } })),
    );
    batch.forEach((id, j) => (c[id] = opened[j]!));
  }
  // The UGDT channel learns of the bot through Megan's client, where the channel copy of a new request shows up.
  await c['megan.bowen'].openTeamChannel();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(playgrounds.map((p) => p.stop()));
  await svc?.close();
  if (mailDir) rmSync(mailDir, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------------------------
// Helpers

/**
 * The card's actions (those in the overflow menu as «… Título»), without the header's "Ver detalle" link that
 * every item card has. Every card has at most one primary (positive) button, and it comes first.
 */
async function actionsOf(client: PlaygroundClient, card: Locator): Promise<string[]> {
  const buttons = await client.cardButtons(card);
  expect(buttons).toContain('Ver detalle');
  const actions = buttons.filter((b) => b !== 'Ver detalle');
  const primary = await card
    .locator('.ac-actionSet button:has(.ac-pushButton-content.style-positive)')
    .filter({ visible: true })
    .evaluateAll((els) => els.map((b) => b.getAttribute('aria-label') ?? ''));
  expect(primary.length).toBeLessThanOrEqual(1);
  if (primary.length) expect(actions[0]).toBe(primary[0]);
  return actions;
}

/** The titles alone, wherever they are (in view or in the menu). */
const titlesOf = async (client: PlaygroundClient, card: Locator) =>
  (await actionsOf(client, card)).map((b) => b.replace(/^… /, ''));

/** Same buttons, in any order and wherever they are (in view or in the menu). */
async function expectActions(client: PlaygroundClient, card: Locator, expected: string[]) {
  expect((await titlesOf(client, card)).sort()).toEqual([...expected].sort());
}

/** An item card: its reference and, optionally, more text it must show. */
const about =
  (reference: string, ...texts: (string | RegExp)[]) =>
  (card: CardInfo) =>
    card.text.includes(reference) &&
    texts.every((t) => (typeof t === 'string' ? card.text.includes(t) : t.test(card.text)));

/** The card's "Estado" fact. */
const state = (label: string) => new RegExp(`Estado\\s+${label}(\\s|$)`);

/** Waits until a card (located by position, so it survives in-place updates) shows the text. */
async function waitText(card: Locator, match: string | RegExp, timeoutMs = 15_000) {
  let last = '';
  const shows = async () => {
    last = await card.innerText().catch(() => '');
    return typeof match === 'string' ? last.includes(match) : match.test(last);
  };
  await until(shows, timeoutMs, '').catch(() => {
    throw new Error(`la tarjeta no llegó a mostrar ${String(match)}; muestra:\n${last}`);
  });
}

/**
 * Runs `step`, then waits for the person to see its result (issue 14 §4): a new card when their chat had no card of
 * the item, or else their card of it updated in place, with the one-line notice under it and no new card.
 */
async function newCard(client: PlaygroundClient, match: (card: CardInfo) => boolean, step: () => Promise<unknown>) {
  const before = await client.cards();
  await step();
  let updated: CardInfo | undefined;
  const card = await client.waitForCard((x) => {
    if (!match(x)) return false;
    if (x.index >= before.length) return true;
    if (before[x.index]?.text === x.text) return false;
    updated = x;
    return true;
  });
  if (updated && (await client.cards()).length === before.length) {
    const reference = /(?:SOL|CONV)-\d{4}-\d{4}/.exec(updated.text)![0];
    await client.waitForMessage(new RegExp(`${reference}: .+ más arriba en el chat`));
  }
  return card;
}

/**
 * A screenshot of the client with the card in view: its bottom (the buttons) at the bottom of the chat, or with
 * `top` its top (a note on the card, the state) at the top.
 */
async function shot(client: PlaygroundClient, name: string, card: Locator, align: 'top' | 'bottom' = 'bottom') {
  const block = align === 'top' ? 'start' : 'end';
  await card.evaluate(
    (el, b) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: b }),
    block,
  );
  await client.screenshot(name);
}

/** Clicks an Action.Execute and expects the bot's card back (not an error). */
async function act(client: PlaygroundClient, card: Locator, title: string) {
  const result = await client.click(card, title);
  expect(result).toMatchObject({ status: 200, body: { type: 'application/vnd.microsoft.card.adaptive' } });
  // An error or refusal card is a 200 too: its text says so.
  expect(JSON.stringify(result!.body!.value)).not.toMatch(/No se pudo completar|No tiene acceso|ERROR_INTERNO/);
  return result!;
}

const auditCount = async (reference: string, command: string) =>
  (
    await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events a JOIN items i ON i.id = a.item_id
        WHERE i.reference = $1 AND a.command = $2`,
      [reference, command],
    )
  ).rows[0]!.n;

/** One pass of the background jobs; the outbox must not keep failing rows for Teams. */
async function runJobs() {
  await svc.runJobs();
  const failed = await svc.db.query<{ kind: string; last_error: string }>(
    `SELECT kind, last_error FROM outbox WHERE kind IN ('notify', 'update_cards') AND last_error IS NOT NULL`,
  );
  expect(failed.rows).toEqual([]);
}

// ------------------------------------------------------------------------------------------------------------

describe('0. Instalación', () => {
  it('cada persona recibe una sola tarjeta de bienvenida en su chat personal', async () => {
    const welcomes = async () =>
      (await c['joni.sherman'].cards()).filter((x) => x.text.startsWith('Bienvenido(a) a Intercambio de Datos'));
    await until(async () => (await welcomes()).length > 1, 3000, '').catch(() => undefined);
    expect(await welcomes()).toHaveLength(1);
  });
});

describe('1. Solicitud interna completa: la DOM pide datos a DIDECO', () => {
  const REF = 'SOL-2026-0001';
  const alex = () => c['alex.wilber'];
  const lynne = () => c['lynne.robbins'];
  let alexCard: Locator; // the intake form, replaced by the request's card
  let lynneNotice: Locator; // the notice in Lynne's personal chat

  it('Alex escribe «nueva solicitud», llena el formulario y lo envía: Enviada, solo Cancelar y Comentar', async () => {
    const form = await newCard(
      alex(),
      (x) => x.text.includes('Nueva solicitud de datos'),
      () => alex().send('nueva solicitud'),
    );
    expect(await alex().cardButtons(form)).toEqual(['Enviar solicitud', 'Formulario completo']);
    const b = solicitudBody();
    await alex().choose(form, 'ownerUnitId', 'dideco');
    await alex().fill(form, 'dataset.name', b.dataset.name);
    await alex().fill(form, 'dataset.fields', b.dataset.fields.join(', '));
    await alex().fill(form, 'dataset.period', b.dataset.period);
    await alex().choose(form, 'dataset.format', 'xlsx');
    await alex().choose(form, 'dataset.classification.access', 'uso_interno');
    await alex().choose(form, 'dataset.classification.privacy', 'personal');
    await alex().fill(form, 'purpose', b.purpose);
    await alex().fill(form, 'justification', b.justification);
    await alex().fill(form, 'expectedBenefits', b.expectedBenefits);
    await alex().choose(form, 'legalBasis.basis', b.legalBasis.basis);
    await alex().fill(form, 'legalBasis.norm.law', b.legalBasis.norm.law);
    await alex().fill(form, 'legalBasis.norm.article', b.legalBasis.norm.article);
    await shot(alex(), 'solicitud-01-alex-formulario', form);

    await act(alex(), form, 'Enviar solicitud');
    alexCard = form;
    await waitText(alexCard, REF);
    expect(await alexCard.innerText()).toMatch(state('Enviada'));
    expect(await actionsOf(alex(), alexCard)).toEqual(REQUESTER);
    await shot(alex(), 'solicitud-02-alex-enviada', alexCard);
  });

  it('runJobs: Lynne (DIDECO) recibe la tarjeta con exactamente sus botones; la UGDT, la copia en su canal', async () => {
    const megan = c['megan.bowen'];
    lynneNotice = await newCard(lynne(), about(REF, state('Enviada')), runJobs);
    expect(await actionsOf(lynne(), lynneNotice)).toEqual(OWNER_NEW);
    await shot(lynne(), 'solicitud-03-lynne-recibe', lynneNotice);

    // The neutral channel card, refreshed by Megan's client to her own (UGDT) view.
    const copy = await megan.waitForCard(about(REF));
    await until(async () => (await megan.cardButtons(copy)).length > 1, 10_000, 'la copia no se refrescó');
    expect(await actionsOf(megan, copy)).toEqual(UGDT);
    await shot(megan, 'solicitud-04-megan-canal-ugdt', copy);
  });

  it('Lynne acusa recibo; su tarjeta antigua, pulsada otra vez, responde con la actual y la nota de desactualizada', async () => {
    // A second live copy of the request in her chat, as when she looks it up by its reference.
    const fresh = await newCard(lynne(), about(REF), () => lynne().send(REF));
    await act(lynne(), fresh, 'Acusar recibo');
    await waitText(fresh, state('Recibida'));
    expect(await actionsOf(lynne(), fresh)).toEqual(OWNER);

    await act(lynne(), lynneNotice, 'Acusar recibo');
    await waitText(lynneNotice, STALE);
    expect(await lynneNotice.innerText()).toMatch(state('Recibida'));
    expect(await actionsOf(lynne(), lynneNotice)).toEqual(OWNER);
    expect(await auditCount(REF, 'acusar_recibo')).toBe(1);
    await shot(lynne(), 'solicitud-05-lynne-tarjeta-desactualizada', lynneNotice, 'top');
  });

  it('Alex, en su tarjeta aún «Enviada», intenta cancelar: no cambia nada y ve el estado actual', async () => {
    expect(await alexCard.innerText()).toMatch(state('Enviada')); // the jobs have not run yet
    expect(await alex().click(alexCard, 'Cancelar solicitud')).toBeUndefined(); // opens the form
    await alex().fill(alexCard, 'cancelar.reason', 'Ya no se necesita');
    await act(alex(), alexCard, 'Cancelar solicitud');
    await waitText(alexCard, STALE);
    expect(await alexCard.innerText()).toMatch(state('Recibida'));
    expect(await actionsOf(alex(), alexCard)).toEqual(REQUESTER);
    expect(await auditCount(REF, 'cancelar')).toBe(0);
    await shot(alex(), 'solicitud-06-alex-cancelar-desactualizada', alexCard, 'top');

    const notice = await newCard(alex(), about(REF, state('Recibida')), runJobs);
    expect(await actionsOf(alex(), notice)).toEqual(REQUESTER);
    await shot(alex(), 'solicitud-07-alex-aviso-acuse', notice);
  });

  it('el aviso a Alex conserva su resumen («DIDECO acusó recibo.»): su vista personal no necesita refresh', async () => {
    // Alex's first card was updated in place to Recibida too; the notice is the one with the banner.
    const notice = await alex().waitForCard(about(REF, 'acusó recibo'));
    expect(await notice.innerText()).toContain('Recibida');
  });

  it('Lynne indica plazo (fecha y nota): En plazo de espera; Alex recibe el aviso', async () => {
    const card = await lynne().waitForCard(about(REF, state('Recibida')));
    expect(await lynne().click(card, 'Indicar plazo')).toBeUndefined(); // opens the form
    await lynne().fill(card, 'indicar_plazo.until', '2026-09-25');
    await lynne().fill(card, 'indicar_plazo.note', 'Estamos cruzando el RSH con los sectores; estará el viernes 25.');
    await shot(lynne(), 'solicitud-08-lynne-indicar-plazo', card);
    await act(lynne(), card, 'Indicar plazo');
    await waitText(card, state('En plazo de espera'));
    expect(await actionsOf(lynne(), card)).toEqual(OWNER);

    const notice = await newCard(alex(), about(REF, state('En plazo de espera'), '25-09-2026'), runJobs);
    expect(await actionsOf(alex(), notice)).toEqual(REQUESTER);
    await shot(alex(), 'solicitud-09-alex-aviso-plazo', notice);
  });

  it('Lynne entrega (enlace y nota): Entregada; runJobs → Alex recibe Conforme / Observar', async () => {
    const card = await lynne().waitForCard(about(REF, state('En plazo de espera')));
    await lynne().click(card, 'Entregar');
    // First with a link the protocol refuses: the card comes back with the form open, what she typed still in it
    // and the reason under the link (issue 14 §1); nothing changed.
    const note = 'Tramos del RSH por sector, con corte a diciembre de 2025.';
    await lynne().fill(card, 'entregar.link', 'ftp://dideco/rsh-por-sector-2025.xlsx');
    await lynne().fill(card, 'entregar.note', note);
    expect(await lynne().click(card, 'Entregar')).toMatchObject({ status: 200 });
    await waitText(card, 'No se pudo completar «Entregar»');
    expect(await card.innerText()).toMatch(state('En plazo de espera'));
    const typed = await card.evaluate((el) =>
      [...el.querySelectorAll('input, textarea')].map((i) => (i as HTMLInputElement).value),
    );
    expect(typed).toEqual(expect.arrayContaining(['ftp://dideco/rsh-por-sector-2025.xlsx', note]));
    await shot(lynne(), 'solicitud-10a-lynne-entregar-rechazado', card, 'top');
    expect(await auditCount(REF, 'entregar')).toBe(0);
    // She corrects the link in the open form and sends it again.
    await lynne().fill(card, 'entregar.link', 'https://quillota.sharepoint.com/sites/dideco/rsh-por-sector-2025.xlsx');
    await shot(lynne(), 'solicitud-10-lynne-entregar', card);
    await act(lynne(), card, 'Entregar');
    await waitText(card, state('Entregada'));
    expect(await actionsOf(lynne(), card)).toEqual(['Corregir clasificación', 'Comentar']);

    const notice = await newCard(alex(), about(REF, state('Entregada')), runJobs);
    expect(await actionsOf(alex(), notice)).toEqual(['Conforme', 'Observar', 'Comentar']);
    await waitText(alexCard, state('Entregada')); // his first card, updated in place
    expect(await actionsOf(alex(), alexCard)).toEqual(['Conforme', 'Observar', 'Comentar']);
    expect(await actionsOf(lynne(), lynneNotice)).toEqual(['Corregir clasificación', 'Comentar']); // never Conforme
    await shot(alex(), 'solicitud-11-alex-conforme-observar', notice);
  });

  it('Alex da conformidad: Cerrada; en su chat hubo una sola tarjeta de la solicitud, puesta al día en su lugar', async () => {
    const latest = await alex().waitForCard(about(REF, state('Entregada')));
    await act(alex(), latest, 'Conforme');
    await waitText(latest, state('Cerrada'));
    expect(await actionsOf(alex(), latest)).toEqual([]);
    await shot(alex(), 'solicitud-12-alex-cerrada', latest);
    expect(await auditCount(REF, 'conforme')).toBe(1);

    const closed = await newCard(lynne(), about(REF, state('Cerrada')), runJobs);
    expect(await actionsOf(lynne(), closed)).toEqual([]);
    await waitText(lynneNotice, state('Cerrada'));
    // Issue 14 §4: every step reached Alex on one card, updated in place, and a line; Lynne has the notice and the
    // copy she looked up by its reference, no more.
    const itemCards = async (client: PlaygroundClient) =>
      (await client.cards()).filter((x) => x.text.includes(REF) && /Estado\s/.test(x.text));
    expect(await itemCards(alex())).toHaveLength(1);
    expect(await itemCards(lynne())).toHaveLength(2);
    await shot(lynne(), 'solicitud-13-lynne-cerrada', closed);
  });
});

// ------------------------------------------------------------------------------------------------------------

describe('2. Prórroga pedida antes del vencimiento; vencida, la UGDT reitera', () => {
  const REF = 'SOL-2026-0002';
  const megan = () => c['megan.bowen'];
  const diego = () => c['diego.siciliani'];
  let diegoCard: Locator;
  let meganCard: Locator;

  it('Miriam (DIDECO) pide datos a Salud por la API; runJobs → Diego recibe la tarjeta con sus botones', async () => {
    const r = await svc.as('miriam.graham').post('/api/v1/solicitudes', solicitudBody({ ownerUnitId: 'salud' }));
    expect(r.status).toBe(201);
    expect(r.body.item.reference).toBe(REF);
    diegoCard = await newCard(diego(), about(REF, state('Enviada')), runJobs);
    expect(await actionsOf(diego(), diegoCard)).toEqual(OWNER_NEW);
    await shot(diego(), 'vencida-01-diego-recibe', diegoCard);
  });

  it('antes del vencimiento (30-09-2026) Diego solicita 5 días hábiles de prórroga con motivo', async () => {
    svc.clock.set('2026-09-29T15:00:00Z');
    await diego().click(diegoCard, 'Solicitar prórroga');
    expect(await diegoCard.innerText()).toContain('Vence el 30-09-2026');
    await diego().fill(diegoCard, 'solicitar_prorroga.amount', '5');
    await diego().fill(diegoCard, 'solicitar_prorroga.reason', 'Salud depende de una exportación del sistema RAYEN.');
    await shot(diego(), 'vencida-02-diego-solicita-prorroga', diegoCard);
    await act(diego(), diegoCard, 'Solicitar prórroga');
    await waitText(diegoCard, 'Prórroga solicitada');
    expect(await actionsOf(diego(), diegoCard)).toEqual(OWNER_NEW_LATE);
    expect(await auditCount(REF, 'solicitar_prorroga')).toBe(1);
  });

  it('runJobs → Megan (UGDT) recibe el pedido y concede la prórroga: nuevo plazo 07-10-2026', async () => {
    await megan().openPersonalChat();
    meganCard = await newCard(megan(), about(REF, 'Prórroga solicitada por la unidad'), runJobs);
    expect(await titlesOf(megan(), meganCard)).toEqual(
      expect.arrayContaining(['Conceder prórroga', 'Denegar prórroga']),
    );
    expect((await actionsOf(megan(), meganCard))[0]).toBe('Conceder prórroga');
    expect(await titlesOf(megan(), meganCard)).not.toContain('Prorrogar');
    await megan().click(meganCard, 'Conceder prórroga');
    await shot(megan(), 'vencida-03-megan-conceder', meganCard);
    await act(megan(), meganCard, 'Conceder prórroga');
    await waitText(meganCard, 'Prórrogas otorgadas');
    expect(await meganCard.innerText()).toMatch(/Prórroga disponible \(art. 26\)\s+0 días hábiles de un máximo de 5/);
    expect(await titlesOf(megan(), meganCard)).not.toContain('Conceder prórroga');
    expect(await auditCount(REF, 'conceder_prorroga')).toBe(1);
    const item = await svc.repo.findByReference(REF);
    expect(item?.kind === 'solicitud' && item.deadlines.answer.dueDate).toBe('2026-10-07');
    await shot(megan(), 'vencida-04-megan-prorrogada', meganCard);
  });

  it('runJobs: la tarjeta de Diego se actualiza con el nuevo plazo 07-10-2026', async () => {
    await runJobs();
    await waitText(diegoCard, /Respuesta\s+hasta el 07-10-2026/);
    await shot(diego(), 'vencida-05-diego-nuevo-plazo', diegoCard);
  });

  it('pasa el 07-10-2026 sin respuesta: ninguna tarjeta por el vencimiento; a las 08:30 Megan recibe un solo resumen diario', async () => {
    svc.clock.set('2026-10-08T03:10:00Z'); // 00:10: the deadline has passed; the digest waits for the morning
    const before = (await megan().cards()).length;
    await runJobs();
    await waitText(meganCard, 'Plazo vencido: respuesta desde el 07-10-2026'); // her card, updated in place
    expect(await actionsOf(megan(), meganCard)).toEqual(UGDT_LATE);
    svc.clock.set('2026-10-08T11:45:00Z'); // Thursday 08-10-2026, 08:45
    const digest = await newCard(megan(), (x) => x.text.startsWith('Resumen diario de la UGDT'), runJobs);
    await runJobs(); // once a day
    const cards = await megan().cards();
    expect(cards.slice(before).filter((x) => x.text.startsWith('Resumen diario'))).toHaveLength(1);
    expect(cards.slice(before).filter((x) => x.text.includes(REF) && /Estado\s/.test(x.text))).toHaveLength(0);
    const text = await digest.innerText();
    expect(text).toContain('Resumen diario de la UGDT, 08-10-2026');
    expect(text).toMatch(/\d+ solicitud(es)? vencidas?: .*Salud 1/);
    expect(text).toContain(REF);
    expect(await megan().cardButtons(digest)).toEqual(['Recordar']); // one request: «a todas» would be odd
    await shot(megan(), 'vencida-06-megan-resumen-diario', digest);
    await waitText(diegoCard, /Plazo de [a-z ]+:?\s+vencido hace/);
    expect(await actionsOf(diego(), diegoCard)).toEqual(OWNER_NEW_LATE);
  });

  // Issue 14 §4: someone who opens the chat once work already waits for them gets one card with it, not silence.
  it('Lee (UGDT), que nunca abrió el chat, lo abre: la bienvenida y una tarjeta «Tiene N trámites pendientes» con la vencida', async () => {
    const [handle] = await startPlaygrounds(['lee.gu'], `${svc.url}/api/messages`);
    playgrounds.push(handle!);
    const lee = await openClient(browser, handle!, { viewport: { width: 1280, height: 1100 } });
    const waiting = await lee.waitForCard((x) => /^Tiene \d+ trámites? pendientes?/.test(x.text));
    expect(await waiting.innerText()).toContain(REF);
    const cards = await lee.cards();
    expect(cards.map((x) => x.text.split('\n')[0])).toEqual([
      'Bienvenido(a) a Intercambio de Datos',
      expect.stringMatching(/^Tiene \d+ trámites? pendientes?$/),
    ]);
    await shot(lee, 'vencida-06b-lee-primera-vez-pendientes', waiting, 'top');
    await lee.close();
  });

  it('Megan reitera (oficio reiterativo) con nueva fecha 13-10-2026: la solicitud sigue vencida', async () => {
    const card = await megan().waitForCard(about(REF, 'Plazo vencido: respuesta'));
    await megan().click(card, 'Reiterar');
    await megan().fill(card, 'reiterar.until', '2026-10-13');
    await megan().fill(card, 'reiterar.reason', 'Se necesita para el informe del programa de apoyo familiar.');
    await shot(megan(), 'vencida-07-megan-reiterar', card);
    await act(megan(), card, 'Reiterar');
    await waitText(card, 'Oficios reiterativos');
    expect(await card.innerText()).toContain('Plazo vencido');
    expect(await auditCount(REF, 'reiterar')).toBe(1);
    const item = await svc.repo.findByReference(REF);
    expect(item?.kind === 'solicitud' && item.overdue?.deadline).toBe('answer');
  });

  it('runJobs: a Diego le llega el oficio reiterativo con la nueva fecha', async () => {
    await newCard(diego(), about(REF, '13-10-2026'), runJobs);
    await waitText(diegoCard, /Oficio reiterativo\s+responda a más tardar el 13-10-2026/);
    await shot(diego(), 'vencida-08-diego-reiterada', diegoCard);
  });
});

// ------------------------------------------------------------------------------------------------------------

describe('3. Convenio completo con la Universidad de Valparaíso', () => {
  const REF = 'CONV-2026-0001';
  const adele = () => c['adele.vance'];
  const patti = () => c['patti.fernandez'];
  const isaiah = () => c['isaiah.langer'];
  const nestor = () => c['nestor.wilke'];
  const joni = () => c['joni.sherman'];
  const SECPLAN_OUT = ['Rechazar', 'Desistir', 'Comentar'];
  let adeleCard: Locator;
  let isaiahCard: Locator;
  let nestorCard: Locator;

  it('Adele (SECPLAN) escribe «nuevo convenio» y registra la propuesta: Evaluación de necesidad', async () => {
    svc.clock.set('2026-10-01T13:00:00Z'); // Thursday 01-10-2026, 10:00
    const form = await newCard(
      adele(),
      (x) => x.text.includes('Nuevo convenio de uso compartido de datos'),
      () => adele().send('nuevo convenio'),
    );
    const fill = (id: string, value: string) => adele().fill(form, id, value);
    await fill('title', 'Intercambio de datos territoriales con la Universidad de Valparaíso');
    await fill('purpose', 'Estudio de movilidad urbana en Quillota');
    await adele().choose(form, 'legalBasis.basis', 'funciones_legales');
    await fill('legalBasis.norm.law', 'Ley 18.695');
    await fill('legalBasis.norm.article', 'art. 4');
    await fill('benefits.municipality', 'Diagnóstico de movilidad para el PLADECO');
    await fill('benefits.counterpart', 'Datos para investigación aplicada');
    await fill('entity.name', 'Universidad de Valparaíso');
    await fill('entity.rut', '60.921.000-5'); // a wrong check digit: corrected below
    await fill('entity.representative.name', 'Osvaldo Corrales');
    await fill('entity.representative.position', 'Rector');
    await fill('entity.legalContact.name', 'Paula Rojas');
    await fill('entity.legalContact.email', 'juridica@uv.cl');
    await fill('entity.technicalContact.name', 'Diego Fuentes');
    await fill('entity.technicalContact.email', 'dfuentes@uv.cl');
    await adele().choose(form, 'municipalTechnicalContact.personId', 'lee.gu');
    await fill('dataset.name', 'Conteos de flujo vehicular');
    await fill('dataset.fields', 'punto, fecha, conteo');
    await adele().choose(form, 'dataset.format', 'csv');
    await adele().choose(form, 'dataset.classification.access', 'publica');
    await adele().choose(form, 'dataset.classification.privacy', 'no_personal');
    await fill('securityMeasures', 'Transferencia cifrada, acceso nominativo, registro de accesos');
    await fill('transferMethod', 'SharePoint con enlace para personas específicas');
    await adele().choose(form, 'retention.endAction', 'eliminacion');
    await fill('retention.detail', 'Eliminación certificada al término');
    await fill('durationMonths', '24');
    await adele().choose(form, 'renewal', 'expresa');
    await fill('externalSigner.name', 'Osvaldo Corrales');
    await fill('externalSigner.position', 'Rector');
    await shot(adele(), 'convenio-01-adele-formulario', form);

    // Issue 14 §1: the wrong RUT does not cost her the other 30 fields: the form comes back filled, the reason
    // under the RUT; nothing is registered.
    expect(await adele().click(form, 'Registrar convenio')).toMatchObject({ status: 200 });
    await waitText(form, 'No se pudo registrar el convenio');
    const kept = await form.evaluate((el) =>
      [...el.querySelectorAll('input, textarea')].map((i) => (i as HTMLInputElement).value),
    );
    expect(kept).toEqual(
      expect.arrayContaining([
        'Universidad de Valparaíso',
        '60.921.000-5',
        'Osvaldo Corrales',
        'Conteos de flujo vehicular',
      ]),
    );
    expect(await form.innerText()).toMatch(/RUT de la entidad: /);
    expect(await form.innerText()).not.toContain('entity.');
    await shot(adele(), 'convenio-01a-adele-rut-rechazado', form, 'top');
    expect((await svc.db.query(`SELECT 1 FROM items WHERE kind = 'convenio'`)).rows).toEqual([]);
    await fill('entity.rut', '60.921.000-1');
    await act(adele(), form, 'Registrar convenio');
    adeleCard = form;
    await waitText(adeleCard, REF);
    expect(await adeleCard.innerText()).toMatch(state('Evaluación de necesidad'));
    // Rule 9b: at evaluación SECPLAN proposes the rejection; the Administración decides it.
    await expectActions(adele(), adeleCard, ['Registrar evaluación', 'Desistir', 'Proponer rechazo', 'Comentar']);
    await shot(adele(), 'convenio-02-adele-registrado', adeleCard);
  });

  it('Adele registra la evaluación con los cuatro criterios cumplidos; runJobs → Patti puede aprobar', async () => {
    await runJobs(); // convenio.nuevo: SECPLAN and the Administración get it
    await adele().click(adeleCard, 'Registrar evaluación');
    for (const k of ['necesidad', 'beneficioMutuo', 'cumplimientoNormativo', 'privacidadSeguridad'])
      await adele().toggle(adeleCard, `registrar_evaluacion.checklist.${k}.ok`);
    await adele().fill(adeleCard, 'registrar_evaluacion.committeeSession', 'Sesión ordinaria N° 7');
    await shot(adele(), 'convenio-03-adele-evaluacion', adeleCard);
    await act(adele(), adeleCard, 'Registrar evaluación');
    await waitText(adeleCard, 'Cumple: §5d');
    expect(await adeleCard.innerText()).not.toContain('No cumple');

    const card = await newCard(patti(), about(REF, 'Cumple: §5a'), runJobs);
    // No Rechazar without SECPLAN's proposal (rule 9b).
    await expectActions(patti(), card, ['Aprobar', 'Comentar']);
    await shot(patti(), 'convenio-04-patti-aprobar', card);
  });

  it('Patti aprueba la evaluación: Redacción; el borrador v1 se genera con todas sus cláusulas y queda guardado', async () => {
    const card = await patti().waitForCard(about(REF, state('Evaluación de necesidad')));
    await patti().click(card, 'Aprobar');
    await patti().fill(card, 'aprobar_evaluacion.note', 'Cumple el §5; proceda SECPLAN con la redacción.');
    await act(patti(), card, 'Aprobar evaluación');
    await waitText(card, state('Redacción'));
    await expectActions(patti(), card, ['Rechazar', 'Comentar']);
    await shot(patti(), 'convenio-05-patti-aprobada', card);

    // The outbox generates the draft with every clause, stores it and records it: Adele's card shows it.
    await runJobs();
    await runJobs();
    await waitText(adeleCard, state('Redacción'));
    await waitText(adeleCard, `versión 1 · ${REF} Borrador de convenio.docx`);
    await expectActions(adele(), adeleCard, ['Enviar a visación', ...SECPLAN_OUT]);
    await shot(adele(), 'convenio-06-adele-borrador-v1', adeleCard);
  });

  it('el botón del paso encabeza la tarjeta: Adele ve primero «Enviar a visación»', async () => {
    expect((await actionsOf(adele(), adeleCard))[0]).toBe('Enviar a visación');
  });

  it('Adele envía a visación; Nestor (Alcalde) la consulta y no tiene Visar; Isaiah (DAJ) recibe la tarjeta', async () => {
    await act(adele(), adeleCard, 'Enviar a visación');
    await waitText(adeleCard, state('Visación jurídica'));
    await expectActions(adele(), adeleCard, [
      'Registrar visación externa',
      'Registrar observación externa',
      ...SECPLAN_OUT,
    ]);

    isaiahCard = await newCard(isaiah(), about(REF, state('Visación jurídica')), runJobs);
    await expectActions(isaiah(), isaiahCard, ['Visar', 'Observar', 'Rechazar', 'Comentar']);
    await shot(isaiah(), 'convenio-07-isaiah-visacion', isaiahCard);

    const lookup = await newCard(nestor(), about(REF), () => nestor().send(REF));
    expect(await lookup.innerText()).toMatch(state('Visación jurídica'));
    await expectActions(nestor(), lookup, []);
    await shot(nestor(), 'convenio-08-nestor-consulta-sin-visar', lookup);
  });

  it('Isaiah observa con comentarios: vuelve a Redacción (ronda 2) y exige una nueva versión', async () => {
    await isaiah().click(isaiahCard, 'Observar');
    await isaiah().fill(
      isaiahCard,
      'observar.comments',
      'Cláusula 5: precisar el plazo de eliminación; cláusula 8: citar la Ley 21.719.',
    );
    await shot(isaiah(), 'convenio-09-isaiah-observar', isaiahCard);
    await act(isaiah(), isaiahCard, 'Devolver a redacción');
    await waitText(isaiahCard, state('Redacción'));
    await expectActions(isaiah(), isaiahCard, ['Rechazar', 'Comentar']);
  });

  it('la versión 2 del borrador se genera con las observaciones; Adele la envía a visación otra vez', async () => {
    await runJobs();
    await runJobs();
    await waitText(adeleCard, state('Redacción'));
    await waitText(adeleCard, `versión 2 · ${REF} Borrador de convenio.docx`);
    await shot(adele(), 'convenio-10-adele-borrador-v2', adeleCard);
    await expectActions(adele(), adeleCard, ['Enviar a visación', ...SECPLAN_OUT]);
    await act(adele(), adeleCard, 'Enviar a visación');
    await waitText(adeleCard, state('Visación jurídica'));

    isaiahCard = await newCard(isaiah(), about(REF, state('Visación jurídica'), 'versión 2'), runJobs);
    await expectActions(isaiah(), isaiahCard, ['Visar', 'Observar', 'Rechazar', 'Comentar']);
    await shot(isaiah(), 'convenio-11-isaiah-visacion-v2', isaiahCard);
  });

  it('Isaiah visa la versión 2', async () => {
    await isaiah().click(isaiahCard, 'Visar');
    expect(await isaiahCard.innerText()).toContain('Visa la versión 2');
    await act(isaiah(), isaiahCard, 'Visar');
    await waitText(isaiahCard, /DAJ\s+visado por Isaiah Langer/);
    expect(await titlesOf(isaiah(), isaiahCard)).toEqual(expect.arrayContaining(['Observar', 'Rechazar', 'Comentar']));
    await shot(isaiah(), 'convenio-12-isaiah-visado', isaiahCard);
  });

  it('tras visar la versión 2, Isaiah ya no ve «Visar»', async () => {
    expect(await titlesOf(isaiah(), isaiahCard)).not.toContain('Visar');
  });

  it('Adele registra la visación externa: Firma; Nestor recibe Firmar, Isaiah no', async () => {
    await runJobs();
    await waitText(adeleCard, /DAJ\s+visado por Isaiah Langer/);
    await adele().click(adeleCard, 'Registrar visación externa');
    await adele().fill(
      adeleCard,
      'registrar_visacion_externa.evidence',
      'Oficio N° 312 de la Dirección Jurídica UV, 30-09-2026',
    );
    await shot(adele(), 'convenio-13-adele-visacion-externa', adeleCard);
    await act(adele(), adeleCard, 'Registrar visación');
    await waitText(adeleCard, state('Firma'));
    await expectActions(adele(), adeleCard, SECPLAN_OUT); // the Alcalde signs first

    nestorCard = await newCard(nestor(), about(REF, state('Firma')), runJobs);
    await waitText(isaiahCard, state('Firma'));
    await expectActions(isaiah(), isaiahCard, ['Rechazar', 'Comentar']);
    await expectActions(nestor(), nestorCard, ['Firmar como Nestor Wilke']);
    await shot(nestor(), 'convenio-14-nestor-firmar', nestorCard);
  });

  it('Nestor firma; Adele registra la firma de la contraparte con su evidencia: Aprobación por decreto', async () => {
    await nestor().click(nestorCard, 'Firmar como Nestor Wilke');
    await act(nestor(), nestorCard, 'Firmar');
    await waitText(nestorCard, /Nestor Wilke \(Alcalde, Municipalidad\)\s+firmó el/);
    await expectActions(nestor(), nestorCard, []);

    await runJobs();
    await waitText(adeleCard, /firmó el/);
    await expectActions(adele(), adeleCard, ['Firmar como Osvaldo Corrales', ...SECPLAN_OUT]);
    await adele().click(adeleCard, 'Firmar como Osvaldo Corrales');
    await adele().fill(adeleCard, 'firmar@f2.evidence', 'PDF firmado por el Rector, recibido por correo el 01-10-2026');
    await shot(adele(), 'convenio-15-adele-firma-contraparte', adeleCard);
    await act(adele(), adeleCard, 'Firmar');
    await waitText(adeleCard, state('Aprobación por decreto'));
    await expectActions(adele(), adeleCard, SECPLAN_OUT);
  });

  it('Joni (Secretaría Municipal) registra el decreto: Vigente; la tarjeta antigua de Nestor ya no cambia nada', async () => {
    const card = await newCard(joni(), about(REF, state('Aprobación por decreto')), runJobs);
    await expectActions(joni(), card, ['Registrar decreto']);
    await waitText(nestorCard, state('Aprobación por decreto'));
    await expectActions(nestor(), nestorCard, ['Registrar decreto']);

    await joni().click(card, 'Registrar decreto');
    await joni().fill(card, 'registrar_decreto.number', '4.567');
    await joni().fill(card, 'registrar_decreto.date', '2026-10-01');
    await shot(joni(), 'convenio-16-joni-decreto', card);
    await act(joni(), card, 'Registrar decreto');
    await waitText(card, state('Vigente'));
    await expectActions(joni(), card, []);
    await shot(joni(), 'convenio-17-joni-vigente', card);

    // The Alcalde may also record the decree: his card, not yet updated, answers with the current state.
    await nestor().click(nestorCard, 'Registrar decreto');
    await nestor().fill(nestorCard, 'registrar_decreto.number', '4.568');
    await nestor().fill(nestorCard, 'registrar_decreto.date', '2026-10-01');
    await act(nestor(), nestorCard, 'Registrar decreto');
    await waitText(nestorCard, STALE);
    expect(await nestorCard.innerText()).toMatch(state('Vigente'));
    expect(await auditCount(REF, 'registrar_decreto')).toBe(1);
    await shot(nestor(), 'convenio-18-nestor-decreto-desactualizada', nestorCard, 'top');

    await runJobs();
    await waitText(adeleCard, state('Vigente'));
    await expectActions(adele(), adeleCard, [
      'Registrar transferencia',
      'Registrar evaluación periódica',
      'Renovar',
      'Terminar convenio',
      'Comentar',
    ]);
    await shot(adele(), 'convenio-19-adele-vigente', adeleCard);
  });
});
