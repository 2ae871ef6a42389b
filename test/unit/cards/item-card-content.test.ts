// What the item card says and binds: the header lines, the neutral view of sensitive data, the document binding
// of visación and signatures, the observation side, the art. 26 cap, the refresh, and the layout of the bar.
import {
  allowedActions,
  currentDraft,
  decide,
  parseCommand,
  renewalPhrase,
  toLocalDate,
  type Item,
} from '../../../protocol';
import {
  commandFromInvoke,
  convenioIntakeCard,
  itemCard,
  NOT_ON_CARDS,
  type AdaptiveCard,
} from '../../../bot/src/cards';
import { actor, CONVENIO_BUILDERS, CONVENIO_COMMANDS, ctx, NOW, ok, step } from '../../support/protocol-fixtures';
import { allActions, executes, submitted, visibleText, type ExecuteUse } from './card-checks';
import { cardContext, convenioCases, solicitudCases, VIEWERS } from './card-fixtures';

type Json = Record<string, unknown>;
const S = solicitudCases();
const C = convenioCases();

const render = (item: Item, viewer = VIEWERS['UGDT (Úrsula)']!, now = NOW, extra = {}) =>
  itemCard(item, cardContext(now), { viewer, refreshUserIds: [], ...extra }) as AdaptiveCard & Json;

const texts = (card: unknown) => visibleText(card).join('\n');
const use = (card: Json, verb: string): ExecuteUse => {
  const found = executes(card).find((u) => u.action.verb === verb);
  if (!found) throw new Error(`la tarjeta no ofrece ${verb}`);
  return found;
};
/** Fills the form of `verb` like a person would, and lets the protocol decide it. */
function submit<I extends Item>(item: I, who: string, verb: string, now = NOW, overrides: Json = {}): I {
  const card = render(item, actor(who), now);
  const data = { ...submitted(use(card, `${item.kind}.${verb}`), toLocalDate(now)), ...overrides };
  const raw = commandFromInvoke(item.kind, verb, data as never);
  return ok<I>(decide(item, parseCommand(item.kind, raw), ctx(who, now))).next;
}

describe('cabecera', () => {
  // Issue 14 §5: «Le toca a usted», never the reader's own name in the third person.
  test.each([
    ['entregada', 'solicitante (Ana)', 'revisar la entrega'],
    ['enviada', 'responsable unidad dueña (Sofía)', 'acusar recibo y responder la solicitud'],
    ['recibida', 'subrogante de la responsable (Pablo)', 'responder la solicitud'],
  ])('solicitud %s vista por %s: «Le toca a usted: %s»', (name, viewer, task) => {
    const t = texts(render(S[name]!.item, VIEWERS[viewer]!));
    expect(t).toContain(`Le toca a usted\n${task}`);
    expect(t).not.toContain('Debe actuar');
  });

  test.each([
    ['evaluacion', 'Administradora Municipal (Adriana)', 'decidir la evaluación de necesidad'],
    ['visacion', 'DAJ (Daniela)', 'visar el borrador'],
    ['firma', 'Alcalde firmante (Alberto)', 'firmar el convenio'],
    ['aprobacion', 'Secretaría Municipal (Marta)', 'registrar el decreto alcaldicio'],
  ])('convenio en %s visto por %s: «Le toca a usted: %s»', (name, viewer, task) => {
    expect(texts(render(C[name]!.item, VIEWERS[viewer]!))).toContain(`Le toca a usted\n${task}`);
  });

  test('quien no tiene nada pendiente lee quién debe actuar', () => {
    const t = texts(render(S.entregada!.item, VIEWERS['ajena al trámite (Teresa)']!));
    expect(t).toContain('Debe actuar\nAna Rojas (solicitante): revisar la entrega');
  });

  test('referencia, estado, quién debe actuar y el plazo en días hábiles', () => {
    const t = texts(render(S.enviada!.item));
    expect(t).toContain('SOL-2026-0001');
    expect(t).toContain('Enviada');
    expect(t).toContain('Departamento de Salud Municipal');
    expect(t).toContain('vence el 17-09-2026 · quedan 2 días hábiles');
  });

  // Issue 14 §5: «Plazo de respuesta: vencido hace…», the word agreeing with «plazo».
  test('un plazo vencido se dice en color de atención, en días hábiles', () => {
    const { item, now } = S['en plazo, respuesta vencida']!;
    const card = render(item, VIEWERS['UGDT (Úrsula)']!, now);
    expect(JSON.stringify(card)).toContain(
      JSON.stringify({
        type: 'TextBlock',
        text: 'vencido hace 1 día hábil (venció el 30-09-2026)',
        wrap: true,
        color: 'attention',
      }).slice(1, -1),
    );
    // The UGDT reads its own turn; the requester reads who must act.
    expect(texts(card)).toContain('Le toca a usted\nintervenir: el plazo venció (recordar, reiterar o reasignar)');
    expect(texts(render(item, VIEWERS['solicitante (Ana)']!, now))).toContain(
      'plazo vencido: la UGDT puede intervenir',
    );
  });

  // Rule 3 (issue 12): a convenio's running step shows its own deadline, and past it says so in attention colour.
  test('convenio en visación: el plazo de la etapa en curso, en días hábiles', () => {
    const item = C.visacion!.item;
    expect(texts(render(item))).toContain('Plazo de visación de la DAJ:\nvence el 30-09-2026 · quedan 10 días hábiles');
    const late = render(item, VIEWERS['UGDT (Úrsula)']!, new Date('2026-10-02T13:00:00Z'));
    expect(JSON.stringify(late)).toContain(
      JSON.stringify({
        type: 'TextBlock',
        text: 'vencido hace 2 días hábiles (venció el 30-09-2026)',
        wrap: true,
        color: 'attention',
        weight: 'bolder',
      }).slice(1, -1),
    );
  });

  test.each([
    ['entregada', 'Ana Rojas (solicitante): revisar la entrega'],
    ['cerrada', 'Concluida\nCerrada el 15-09-2026'],
    ['reasignada a una persona', 'Tomás Vera (Dirección de Tránsito)'],
  ])('solicitud %s: debe actuar, o cuándo concluyó: %s', (name, who) => {
    expect(texts(render(S[name]!.item))).toContain(who);
  });

  test.each([
    ['evaluación aún sin registrar', 'SECPLAN (evaluación §5)'],
    ['evaluacion', 'Administrador(a) Municipal (decidir la evaluación)'],
    ['visacion', 'Dirección de Asesoría Jurídica (DAJ) y área jurídica de Universidad de Valparaíso'],
    ['visación con la DAJ ya visada', 'área jurídica de Universidad de Valparaíso (registra SECPLAN)'],
    ['firma', 'Alberto Ruiz (Alcalde)'],
    ['firma con el Alcalde ya firmado', 'Osvaldo Corrales (Rector)'],
    ['firma en paralelo', 'Alberto Ruiz (Alcalde), Osvaldo Corrales (Rector)'],
    ['aprobacion', 'Secretaría Municipal o Alcalde(sa) (Decreto Alcaldicio)'],
    ['vigente con evaluación pendiente', 'SECPLAN (evaluación periódica pendiente)'],
    ['por_vencer', 'SECPLAN (renovar o terminar)'],
  ])('convenio %s: debe actuar %s', (name, who) => {
    expect(texts(render(C[name]!.item))).toContain(who);
  });

  test('insignias de clasificación y «Requiere EIPD» solo cuando corresponde', () => {
    const sensitive = texts(render(S['enviada, dato reservado y sensible']!.item));
    expect(sensitive).toMatch(/Reservada[\s\S]*Datos sensibles[\s\S]*Gran escala[\s\S]*Requiere EIPD/);
    const plain = texts(render(S.enviada!.item));
    expect(plain).toContain('Uso interno');
    expect(plain).toContain('No personal / anonimizado');
    expect(plain).not.toContain('EIPD');
  });

  test('«Ver detalle» abre el detalle del ítem', () => {
    const item = C.vigente!.item;
    const open = allActions(render(item)).find((a) => a.type === 'Action.OpenUrl');
    expect(open).toEqual({ type: 'Action.OpenUrl', title: 'Ver detalle', url: cardContext().detailUrl(item) });
  });
});

describe('quién ve qué', () => {
  test('en una conversación compartida un dato sensible no muestra campos, propósito ni enlaces', () => {
    const item = S['enviada, dato reservado y sensible']!.item;
    const shared = texts(render(item, null as never));
    expect(shared).not.toContain('sector, mes, atenciones');
    expect(shared).not.toContain(item.purpose);
    expect(shared).toContain('Abra el detalle');
    expect(texts(render(item, actor('sofia')))).toContain('sector, mes, atenciones');
  });

  test('nota arriba: atención por omisión, «good» para un aviso de rutina', () => {
    const item = S.recibida!.item;
    const first = (card: Json) => (card.body as Json[])[0]!;
    expect(first(render(item, actor('ana'), NOW, { note: 'Tarjeta desactualizada.' }))).toMatchObject({
      style: 'attention',
    });
    expect(first(render(item, actor('ana'), NOW, { note: 'Acusó recibo.', noteStyle: 'good' }))).toMatchObject({
      style: 'good',
    });
  });

  test('refresh por usuario con a lo más 60 ids', () => {
    const item = S.recibida!.item;
    const ids = Array.from({ length: 75 }, (_, i) => `user-${i}`);
    const card = itemCard(item, cardContext(), { viewer: null, refreshUserIds: ids }) as Json;
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: 'refresh',
        data: { verb: 'refresh', id: item.id, version: item.version },
      },
      userIds: ids.slice(0, 60),
    });
  });

  // Issue 14 §3: the next step is the one primary button; one or two more stay in view; the rest go to the menu.
  const bar = (card: Json) =>
    (card.actions as Json[]).map(
      (a) => `${a.mode === 'secondary' ? '…' : a.style === 'positive' ? '★' : '·'} ${a.title}`,
    );

  test('la unidad dueña ve «Acusar recibo» como paso siguiente y lo que termina la solicitud al final del menú', () => {
    expect(bar(render(S.enviada!.item, VIEWERS['responsable unidad dueña (Sofía)']!))).toEqual([
      '★ Acusar recibo',
      '· Entregar',
      '· Indicar plazo',
      '… Solicitar prórroga',
      '… Corregir clasificación',
      '… Comentar',
      '… No disponible',
      '… Rechazar con fundamento',
    ]);
    expect(bar(render(S.recibida!.item, VIEWERS['responsable unidad dueña (Sofía)']!))[0]).toBe('★ Entregar');
  });

  test('la UGDT ante una respuesta vencida: reiterar primero, y cerrar nunca a la vista', () => {
    const { item, now } = S['en plazo, respuesta vencida']!;
    const shown = bar(render(item, VIEWERS['UGDT (Úrsula)']!, now));
    expect(shown[0]).toBe('★ Reiterar');
    expect(shown.at(-1)).toBe('… Cerrar solicitud');
    expect(shown.filter((b) => !b.startsWith('…')).length).toBeLessThanOrEqual(3);
  });

  test('quien tiene varios roles ve un solo botón principal y el resto en el menú', () => {
    const card = render(S.recibida!.item, VIEWERS['UGDT y responsable a la vez']!);
    const shown = bar(card);
    expect(shown.length).toBeGreaterThan(6);
    expect(shown.filter((b) => b.startsWith('★'))).toEqual(['★ Entregar']);
    expect(shown.filter((b) => !b.startsWith('…'))).toHaveLength(3);
    // Each step's body keeps its heading though its buttons are all in the one bar.
    expect(texts(card)).toContain('Respuesta de la unidad dueña del dato');
  });

  test('solo lo que termina el trámite para siempre confirma en rojo; abrir el formulario nunca es rojo', () => {
    const owner = render(S.recibida!.item, VIEWERS['responsable unidad dueña (Sofía)']!);
    const confirmOf = (title: string) => {
      const opener = (owner.actions as Json[]).find((a) => a.title === title)!;
      expect(opener.style).toBeUndefined();
      return ((opener.card as Json).actions as Json[])[0]!.style;
    };
    expect(confirmOf('Rechazar con fundamento')).toBe('destructive');
    expect(confirmOf('No disponible')).toBeUndefined();
    const requester = render(S.recibida!.item, VIEWERS['solicitante (Ana)']!);
    expect(bar(requester)).toEqual(['· Comentar', '… Cancelar solicitud']);
  });

  test('lo que hace el sistema documental no aparece como botón', () => {
    const item = C.redaccion!.item;
    const verbs = allowedActions(item, actor('sergio')).map((a) => `convenio.${a.verb}`);
    expect(verbs).toContain('convenio.registrar_borrador');
    const shown = executes(render(item, actor('sergio'))).map((u) => u.action.verb);
    expect(shown).toEqual(expect.arrayContaining(['convenio.enviar_a_visacion', 'convenio.desistir']));
    for (const v of NOT_ON_CARDS) expect(shown).not.toContain(v);
  });
});

describe('acciones ligadas al documento', () => {
  test('firmar lleva la versión, la huella y el firmante, y el protocolo acepta la firma', () => {
    const item = C.firma!.item;
    const draft = currentDraft(item)!;
    const firmar = use(render(item, actor('alberto')), 'convenio.firmar');
    expect(firmar.action.data).toEqual({
      verb: 'convenio.firmar',
      id: item.id,
      version: item.version,
      docVersion: draft.version,
      sha256: draft.sha256,
      signerId: 'f1',
    });
    const next = submit(item, 'alberto', 'firmar');
    expect(next.signatures).toEqual([expect.objectContaining({ signerId: 'f1', sha256: draft.sha256 })]);
  });

  test('la firma de la contraparte la registra SECPLAN con evidencia obligatoria', () => {
    const item = C['firma con el Alcalde ya firmado']!.item;
    const firmar = use(render(item, actor('sergio')), 'convenio.firmar');
    expect(firmar.inputs).toEqual([expect.objectContaining({ id: 'firmar@f2.evidence', isRequired: true })]);
    expect(submit(item, 'sergio', 'firmar').state).toBe('aprobacion');
  });

  test('visar y registrar la visación externa nombran la versión vigente y pasan a firma', () => {
    const item = C.visacion!.item;
    const visar = use(render(item, actor('daniela')), 'convenio.visar');
    expect(visar.action.data).toMatchObject({ docVersion: 1, sha256: currentDraft(item)!.sha256 });
    const visado = submit(item, 'daniela', 'visar');
    expect(submit(visado, 'sergio', 'registrar_visacion_externa').state).toBe('firma');
  });

  test('observar: la DAJ observa lo municipal, SECPLAN registra lo de la contraparte', () => {
    const item = C.visacion!.item;
    expect(use(render(item, actor('daniela')), 'convenio.observar').action.data).toMatchObject({ side: 'municipal' });
    expect(use(render(item, actor('sergio')), 'convenio.observar').action.data).toMatchObject({ side: 'externa' });
    const back = submit(item, 'sergio', 'observar');
    expect(back.observations.at(-1)).toMatchObject({ side: 'externa' });
  });
});

test('prorrogar muestra y acota el máximo del art. 26', () => {
  const item = S.recibida!.item;
  const prorrogar = use(render(item), 'solicitud.prorrogar');
  expect(prorrogar.inputs).toContainEqual(expect.objectContaining({ id: 'prorrogar.amount', min: 1, max: 5 }));
  expect(texts(render(item))).toContain('5 días hábiles de un máximo de 5 días hábiles');
  expect(submit(item, 'ursula', 'prorrogar', NOW, { 'prorrogar.amount': '5' }).deadlines.answer.extended).toBe(5);
});

describe('firmas por delegación (regla 1)', () => {
  test('la tarjeta de firmas muestra el decreto de la delegación usada', () => {
    const item = C['firma con el Alcalde ya firmado']!.item;
    if (item.kind !== 'convenio') throw new Error('se esperaba un convenio');
    const signed = {
      ...item,
      signatures: item.signatures.map((s) => ({
        ...s,
        delegation: { id: 'firma-1', decree: { number: '1.250/2026', date: '2026-02-27' } },
      })),
    };
    const t = texts(render(signed, actor('sergio')));
    expect(t).toContain('Firma por delegación, Decreto Alcaldicio N° 1.250/2026 de 27-02-2026');
    expect(texts(render(item, actor('sergio')))).not.toContain('Firma por delegación');
  });

  test('a quien no es Alcalde ni delegado la tarjeta no le ofrece firmar', () => {
    const item = C.firma!.item;
    if (item.kind !== 'convenio') throw new Error('se esperaba un convenio');
    const legacy = {
      ...item,
      signers: item.signers.map((s) => (s.side === 'municipalidad' ? { ...s, personId: 'ana', name: 'Ana Rojas' } : s)),
    };
    expect(allowedActions(legacy, actor('ana')).map((a) => a.verb)).not.toContain('firmar');
    expect(executes(render(legacy, actor('ana'))).map((u) => u.action.verb)).not.toContain('convenio.firmar');
  });
});

// Issue 14 §1: a refused form comes back open, with what was typed and the reason under the field.
describe('un formulario rechazado vuelve abierto con lo escrito', () => {
  const lynne = VIEWERS['responsable unidad dueña (Sofía)']!;
  const typed = {
    verb: 'solicitud.entregar',
    'entregar.link': 'ftp://servidor/datos.xlsx',
    'entregar.note': 'Va el archivo con los tramos',
  };
  const refused = {
    command: 'entregar',
    values: typed,
    message: 'Entrega inválida: link: el enlace debe comenzar con https://.',
    fields: { link: 'el enlace debe comenzar con https://' },
  };
  const card = () => render(S.recibida!.item, lynne, NOW, { refused });
  const inputsOf = (node: unknown, out: Json[] = []): Json[] => {
    if (Array.isArray(node)) node.forEach((n) => inputsOf(n, out));
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (typeof n.type === 'string' && n.type.startsWith('Input.')) out.push(n);
      Object.values(n).forEach((v) => inputsOf(v, out));
    }
    return out;
  };

  test('el formulario de «Entregar» queda arriba, con lo escrito y el motivo bajo el enlace', () => {
    const body = card().body as Json[];
    const form = body[1] as Json;
    const items = form.items as Json[];
    const link = items.findIndex((n) => n.id === 'entregar.link');
    expect(items[link]).toMatchObject({ value: 'ftp://servidor/datos.xlsx' });
    // Escaped for Teams' Markdown, as all text that may quote what was typed (the URL does not become a link).
    expect(items[link + 1]).toMatchObject({ text: 'el enlace debe comenzar con https\\://', color: 'attention' });
    expect(inputsOf(form).find((i) => i.id === 'entregar.note')).toMatchObject({
      value: 'Va el archivo con los tramos',
    });
    // The summary names the field by its label, never by its path.
    const summary = texts(body[0]);
    expect(summary).toContain('No se pudo completar «Entregar»');
    expect(summary).toContain('Enlace a los datos: el enlace debe comenzar con https://');
    expect(summary).not.toMatch(/\blink\b/);
  });

  test('el botón «Entregar» sale de la barra (está abierto arriba) y las acciones siguen siendo las del protocolo', () => {
    const c = card();
    expect((c.actions as Json[]).map((a) => a.title)).not.toContain('Entregar');
    const verbs = executes(c).map((u) => u.action.verb);
    const expected = allowedActions(S.recibida!.item, lynne).map((a) => `solicitud.${a.verb}`);
    expect([...verbs].sort()).toEqual([...expected].sort());
    // What it sends again is what was typed.
    const again = submitted(use(c, 'solicitud.entregar'), toLocalDate(NOW), 'all');
    expect(again).toMatchObject({ 'entregar.link': expect.any(String) });
  });

  test('un motivo del protocolo que habla a las personas encabeza el resumen (plazo fuera del plazo legal)', () => {
    const message =
      'Elija una fecha entre hoy (15-09-2026) y el 30-09-2026 (plazo legal); para más tiempo, solicite una prórroga antes del vencimiento.';
    const c = render(S.recibida!.item, lynne, NOW, {
      refused: {
        command: 'indicar_plazo',
        values: { 'indicar_plazo.until': '2026-12-31', 'indicar_plazo.note': 'Cuando cierre el año' },
        message,
        fields: { until: 'fuera del plazo legal' },
      },
    });
    const summary = texts((c.body as Json[])[0]);
    expect(summary).toContain(message);
    expect(summary).toContain('Fecha comprometida de entrega: fuera del plazo legal');
    expect(inputsOf(c).find((i) => i.id === 'indicar_plazo.until')).toMatchObject({ value: '2026-12-31' });
  });

  test('si la persona ya no tiene ese paso, la tarjeta solo dice el motivo', () => {
    const c = render(S.recibida!.item, VIEWERS['solicitante (Ana)']!, NOW, { refused, note: refused.message });
    expect(texts((c.body as Json[])[0])).toContain(refused.message);
    expect(inputsOf(c).some((i) => i.id === 'entregar.link')).toBe(false);
  });
});

// Issue 14 §2: once the owner unit can no longer ask for a prórroga, its card says whom to ask, by name.
describe('más tiempo que el plazo legal', () => {
  test('antes del vencimiento: solicitar una prórroga; vencido: hablar con la UGDT, por su nombre', () => {
    const owner = VIEWERS['responsable unidad dueña (Sofía)']!;
    expect(texts(render(S.recibida!.item, owner))).toContain('(plazo legal; para más, solicite una prórroga)');
    const { item, now } = S['en plazo, respuesta vencida']!;
    const late = texts(render(item, owner, now));
    expect(late).toMatch(
      /\(plazo legal; la prórroga del art\. 26 ya no está disponible; para más tiempo, hable con la UGDT \(.*Úrsula.*\)\)/,
    );
  });
});

// Issue 14 §5: the renewal reads as Spanish in the card and the convenio document alike.
describe('renovación', () => {
  test.each([
    ['automatica', 'renovación automática'],
    ['expresa', 'renovación expresa'],
    ['sin_renovacion', 'sin renovación'],
  ] as const)('%s → «%s», nunca «renovación sin renovación»', (r, phrase) => {
    expect(renewalPhrase(r)).toBe(phrase);
  });
});

// Issue 14 §5: the convenio's steps read as Spanish and as the protocol words them.
describe('convenio: palabras de cada etapa', () => {
  const secplan = VIEWERS['SECPLAN (Sergio)']!;

  test('firma: «Firma la versión N (huella …) con firma electrónica simple»', () => {
    const t = texts(render(C.firma!.item, VIEWERS['Alcalde firmante (Alberto)']!));
    expect(t).toMatch(/Firma la versión \d+ \(huella [0-9a-f]{12}…\) con firma electrónica simple\./);
    expect(t).not.toContain('Firma con firma');
  });

  test('decreto: «1 mes», nunca «1 meses»', () => {
    const t = texts(
      render(CONVENIO_BUILDERS.aprobacion({ durationMonths: 1 }), VIEWERS['Secretaría Municipal (Marta)']!),
    );
    expect(t).toContain('La vigencia de 1 mes corre desde la fecha del decreto.');
  });

  test('renovación: se aprueba a más tardar el último día de la vigencia, con su fecha', () => {
    const c = C.vigente!.item;
    const end = c.validity!.end.split('-').reverse().join('-');
    expect(texts(render(c, secplan))).toContain(`a más tardar el ${end}, último día de la vigencia`);
  });

  test('transferencias: «Última transferencia» si hay una, «Últimas transferencias» si hay más', () => {
    const once = step(C.vigente!.item, CONVENIO_COMMANDS.registrar_transferencia(C.vigente!.item), 'sergio');
    expect(texts(render(once, secplan))).toContain('Última transferencia\n');
    const twice = step(once, CONVENIO_COMMANDS.registrar_transferencia(once), 'sergio');
    expect(texts(render(twice, secplan))).toContain('Últimas transferencias\n');
  });

  test('propuesta de rechazo: decide la Administración Municipal', () => {
    const proposed = step(C.evaluacion!.item, { type: 'proponer_rechazo', reason: 'Sin necesidad' }, 'sergio');
    expect(texts(render(proposed, VIEWERS['Administradora Municipal (Adriana)']!))).toContain(
      'Decide la Administración Municipal: rechazar el convenio o desestimar la propuesta.',
    );
  });

  test('formulario nuevo: al término del convenio, eliminación o devolución de los datos', () => {
    const t = texts(convenioIntakeCard(cardContext()));
    expect(t).toContain('Al término del convenio');
    expect(t).toContain('Eliminación de los datos');
    expect(t).toContain('Devolución de los datos');
  });
});
