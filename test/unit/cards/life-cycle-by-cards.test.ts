// Both life cycles walked end to end with nothing but what the cards offer: each person opens their card, fills
// the form of one button like a person would, and the protocol decides what the card submitted.
import {
  decide,
  DEFAULT_SETTINGS,
  parseCommand,
  parseCreate,
  toLocalDate,
  type Actor,
  type Convenio,
  type Item,
  type Solicitud,
} from '../../../protocol';
import {
  commandFromInvoke,
  convenioIntakeCard,
  createFromInvoke,
  itemCard,
  solicitudIntakeCard,
  type AdaptiveCard,
} from '../../../bot/src/cards';
import { actor, createSolicitud, ctx, DIRECTORY, HASH_V2, NOW, ok, step } from '../../support/protocol-fixtures';
import { executes, submitted } from './card-checks';
import { cardContext } from './card-fixtures';

type Json = Record<string, unknown>;
const TODAY = toLocalDate(NOW, DEFAULT_SETTINGS.timeZone);

/** `who` presses `verb` on their own card (the one for `signerId` when several), with `values` typed in. */
function press<I extends Item>(item: I, who: string, verb: string, values: Json = {}, signerId?: string): I {
  const card = itemCard(item, cardContext(), { viewer: actor(who), refreshUserIds: [] }) as AdaptiveCard & Json;
  const use = executes(card).find(
    (u) => u.action.verb === `${item.kind}.${verb}` && (!signerId || u.action.data.signerId === signerId),
  );
  if (!use) throw new Error(`${who} no ve «${verb}» en ${item.reference} (${item.state})`);
  const raw = commandFromInvoke(item.kind, verb, { ...submitted(use, TODAY), ...values } as never);
  return ok<I>(decide(item, parseCommand(item.kind, raw), ctx(who))).next;
}

function createFrom(card: AdaptiveCard, kind: 'solicitud' | 'convenio', who: Actor, values: Json = {}): Item {
  const [use] = executes(card as AdaptiveCard & Json);
  expect(use!.action.verb).toBe(`${kind}.crear`);
  const raw = createFromInvoke(kind, { ...submitted(use!, TODAY), ...values } as never, DIRECTORY);
  const ids = { id: `${kind}-por-tarjeta`, reference: kind === 'solicitud' ? 'SOL-2026-0042' : 'CONV-2026-0042' };
  return ok(decide(null, parseCreate(kind, raw), ctx(who), ids)).next;
}

test('solicitud: formulario → acuse → plazo → entrega → observación → entrega → conforme', () => {
  const ana = actor('ana');
  let s = createFrom(solicitudIntakeCard(cardContext(), { viewer: ana }), 'solicitud', ana) as Solicitud;
  expect(s).toMatchObject({ state: 'enviada', ownerUnitId: 'salud', requester: { personId: 'ana' } });
  s = press(s, 'sofia', 'acusar_recibo');
  s = press(s, 'sofia', 'indicar_plazo', { 'indicar_plazo.until': '2026-09-25' });
  expect(s.state).toBe('en_plazo');
  s = press(s, 'sofia', 'entregar');
  expect(s.delivery).toMatchObject({ link: 'https://quillota.sharepoint.com/datos/entrega.xlsx' });
  s = press(s, 'ana', 'observar');
  expect(s.state).toBe('recibida');
  s = press(s, 'pablo', 'entregar'); // the subrogante answers for Sofía
  s = press(s, 'ana', 'conforme');
  expect(s.state).toBe('cerrada');
});

test('solicitud: la UGDT recuerda, prorroga, reasigna y cierra desde su tarjeta', () => {
  let s = step(createSolicitud(), { type: 'comentar', text: '¿Hay novedades?' }, 'ana');
  s = press(s, 'ursula', 'recordar');
  s = press(s, 'ursula', 'prorrogar', { 'prorrogar.amount': '2' });
  s = press(s, 'ursula', 'reasignar', { 'reasignar.unitId': 'transito', 'reasignar.assigneeId': 'tomas' });
  expect(s).toMatchObject({ state: 'enviada', ownerUnitId: 'transito', assignee: { personId: 'tomas' } });
  s = press(s, 'tomas', 'acusar_recibo');
  s = press(s, 'ursula', 'cerrar');
  expect(s.outcome).toMatchObject({ byUgdt: true });
});

test('convenio: formulario → evaluación → redacción → visaciones → firmas → decreto → vigencia → término', () => {
  const ana = actor('ana');
  let c = createFrom(convenioIntakeCard(cardContext(), { viewer: ana }), 'convenio', ana, {
    'municipalTechnicalContact.personId': 'diego',
  }) as Convenio;
  expect(c.signers[0]).toMatchObject({ side: 'municipalidad', personId: 'alberto' });
  c = press(c, 'sergio', 'registrar_evaluacion');
  c = press(c, 'adriana', 'aprobar_evaluacion');
  // The document worker registers each generated draft; no card does.
  c = step(c, { type: 'registrar_borrador', fileName: 'convenio.docx', sha256: 'a'.repeat(64) }, 'sistema');
  c = press(c, 'sergio', 'enviar_a_visacion');
  c = press(c, 'daniela', 'observar');
  expect(c).toMatchObject({ state: 'redaccion', round: 2 });
  c = step(c, { type: 'registrar_borrador', fileName: 'convenio-v2.docx', sha256: HASH_V2 }, 'sistema');
  c = press(c, 'sergio', 'enviar_a_visacion');
  c = press(c, 'javier', 'visar'); // subrogante of the DAJ
  c = press(c, 'sergio', 'registrar_visacion_externa');
  expect(c.state).toBe('firma');
  c = press(c, 'carmen', 'firmar', {}, 'f1'); // subrogante of the Alcalde, on the version both reviews saw
  c = press(c, 'sergio', 'firmar', {}, 'f2');
  expect(c.signatures.map((s) => s.sha256)).toEqual([HASH_V2, HASH_V2]);
  // Rule 6: without the EIPD the decree is not offered; SECPLAN records it from the card first.
  if (c.impactAssessmentRequired) {
    expect(() => press(c, 'marta', 'registrar_decreto')).toThrow(/no ve «registrar_decreto»/);
    c = press(c, 'sergio', 'registrar_eipd');
    expect(c.eipd).toMatchObject({ date: TODAY });
  }
  c = press(c, 'marta', 'registrar_decreto');
  expect(c).toMatchObject({ state: 'vigente', decree: { date: TODAY } });
  c = press(c, 'diego', 'registrar_transferencia');
  c = press(c, 'sergio', 'registrar_evaluacion_periodica');
  c = press(c, 'sergio', 'renovar', { 'renovar.months': '12' });
  expect(c.renewals).toHaveLength(1);
  c = press(c, 'sergio', 'terminar');
  expect(c.termination).toMatchObject({ dataDisposition: 'eliminados' });
});

test('convenio: quien lo propuso puede desistir y la Administración rechazar a propuesta de SECPLAN, desde su tarjeta', () => {
  const ana = actor('ana');
  const c = createFrom(convenioIntakeCard(cardContext()), 'convenio', ana) as Convenio;
  expect(press(c, 'ana', 'desistir').state).toBe('desistido');
  // Rule 9b: without SECPLAN's proposal the Administración has no Rechazar button.
  expect(() => press(c, 'adriana', 'rechazar')).toThrow('adriana no ve «rechazar»');
  const proposed = press(c, 'sergio', 'proponer_rechazo', { reason: 'No se acredita la necesidad' });
  expect(() => press(proposed, 'sergio', 'rechazar')).toThrow('sergio no ve «rechazar»');
  expect(press(proposed, 'adriana', 'rechazar').state).toBe('rechazado');
  expect(press(proposed, 'adriana', 'desestimar_rechazo', { note: 'Necesidad acreditada' }).rejectionProposal).toBe(
    undefined,
  );
});
