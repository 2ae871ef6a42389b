// Intake forms, help, welcome, error, refusal and list cards: valid for the schema and the SDK, small, Spanish,
// and wired to the verbs the router knows.
import fs from 'node:fs';
import path from 'node:path';
import { directorySchema, invalid, parseCreate, toLocalDate, type Item } from '../../../protocol';
import {
  convenioIntakeCard,
  createFromInvoke,
  errorCard,
  helpCard,
  intakeAgain,
  listCard,
  listRow,
  MAX_ROWS,
  OPEN_ITEM_VERB,
  refusalCard,
  solicitudIntakeCard,
  UI_VERBS,
  welcomeCard,
  type AdaptiveCard,
  type CardContext,
  type ListRow,
} from '../../../bot/src/cards';
import { actor, NOW } from '../../support/protocol-fixtures';
import {
  allActions,
  cardBytes,
  executes,
  MAX_CARD_BYTES,
  nonSpanish,
  schemaErrors,
  sdkProblems,
  submitted,
  visibleText,
} from './card-checks';
import { cardContext, convenioCases, solicitudCases } from './card-fixtures';

type Json = Record<string, unknown>;

/** The directory the app ships for local use: the intake forms must work with it too. */
const LOCAL_DIRECTORY = directorySchema.parse(
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../config/directory.local.json'), 'utf8')),
);
const localContext: CardContext = { ...cardContext(), directory: LOCAL_DIRECTORY };

const ITEMS: Item[] = [...Object.values(solicitudCases()), ...Object.values(convenioCases())].map((c) => c.item);
const ROWS = ITEMS.map((i) => listRow(i, cardContext()));

const CARDS: [string, AdaptiveCard][] = [
  ['formulario de solicitud', solicitudIntakeCard(cardContext(), { viewer: actor('ana') })],
  ['formulario de solicitud (directorio local)', solicitudIntakeCard(localContext)],
  [
    'formulario de solicitud devuelto con un error y lo escrito',
    intakeAgain(
      'solicitud',
      cardContext(),
      actor('ana'),
      {
        verb: 'solicitud.crear',
        ownerUnitId: 'salud',
        'dataset.name': 'Atenciones',
        'dataset.classification.largeScale': 'true',
      },
      invalid(
        'Solicitud inválida: dataset.classification.legalGround: un dato reservado o secreto requiere su fundamento legal.',
        { 'dataset.classification.legalGround': 'un dato reservado o secreto requiere su fundamento legal' },
      ),
    ),
  ],
  ['formulario de convenio', convenioIntakeCard(cardContext())],
  ['formulario de convenio (directorio local)', convenioIntakeCard(localContext)],
  ['ayuda', helpCard()],
  ['ayuda tras un comando desconocido', helpCard('No entendí «hola».')],
  ['bienvenida', welcomeCard()],
  ['error', errorCard('Ya no existe ese registro.', 'NO_ENCONTRADO')],
  ['error sin código', errorCard('No se pudo completar la acción. Intente nuevamente en unos minutos.')],
  ['rechazo', refusalCard('Solo la unidad dueña del dato puede realizar esta acción.')],
  ['rechazo con referencia', refusalCard('Solo la UGDT puede realizar esta acción.', { reference: 'SOL-2026-0001' })],
  ['lista', listCard('Mis solicitudes y convenios', ROWS, cardContext())],
  ['lista vacía', listCard('Pendientes para usted', [], cardContext())],
  [
    'lista larga',
    listCard(
      'Resultados',
      Array.from({ length: 40 }, (_, i) => ({ ...ROWS[0]!, id: `id-${i}` })),
      cardContext(),
    ),
  ],
];

let sdk: string[][] = [];
beforeAll(() => {
  sdk = sdkProblems(CARDS.map(([, c]) => c));
});

describe.each(CARDS.map(([name, card], index) => ({ name, card, index })))('$name', ({ card, index }) => {
  test('valida contra el esquema 1.5 y el SDK, pesa menos de 40 KB y está en español', () => {
    expect(schemaErrors(card)).toEqual([]);
    expect(sdk[index]).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    expect(nonSpanish(card)).toEqual([]);
  });

  test('cada botón usa un verbo conocido, con un Action.Submit de respaldo con los mismos datos', () => {
    const known = new Set<string>([...UI_VERBS, 'solicitud.crear', 'convenio.crear']);
    for (const { action } of executes(card as AdaptiveCard & Json)) {
      expect(known).toContain(action.verb);
      expect(action.data.verb).toBe(action.verb);
      expect(action.fallback).toEqual(expect.objectContaining({ type: 'Action.Submit', data: action.data }));
    }
  });
});

describe('formularios de ingreso', () => {
  test.each([
    ['solicitud', () => solicitudIntakeCard(localContext)],
    ['convenio', () => convenioIntakeCard(localContext)],
  ] as const)('lo que envía el formulario de %s lo acepta parseCreate (todo y solo lo obligatorio)', (kind, make) => {
    const [use] = executes(make() as AdaptiveCard & Json);
    for (const only of ['all', 'required'] as const) {
      const data = submitted(use!, toLocalDate(NOW), only);
      expect(() => parseCreate(kind, createFromInvoke(kind, data as never, LOCAL_DIRECTORY))).not.toThrow();
    }
  });

  test('la unidad propia no aparece como unidad dueña; el reservado pide su fundamento', () => {
    const card = solicitudIntakeCard(cardContext(), { viewer: actor('ana') });
    const owner = JSON.stringify(card);
    expect(owner).not.toContain('"value":"dideco"');
    expect(visibleText(card)).toContain('Fundamento legal de la reserva (solo si es reservada o secreta)');
  });

  test('el firmante municipal es el Alcalde del directorio', () => {
    expect(visibleText(convenioIntakeCard(localContext))).toContain(
      'Por la Municipalidad firma Nestor Wilke, Alcalde.',
    );
  });

  test('un formulario devuelto con error muestra el motivo junto al campo y conserva lo escrito', () => {
    const [, card] = CARDS[2]!;
    const t = visibleText(card);
    expect(t[0]).toBe('No se pudo enviar la solicitud');
    expect(t).toContain(
      'Fundamento legal de la reserva (solo si es reservada o secreta): un dato reservado o secreto requiere su fundamento legal',
    );
    expect(t.join('\n')).not.toContain('dataset.classification');
    expect(JSON.stringify(card)).toContain('"id":"dataset.name","label":"Nombre del conjunto de datos"');
    expect(JSON.stringify(card)).toContain('"value":"Atenciones"');
  });

  // Issue 14 §1: a 30-field convenio with one wrong RUT comes back filled, the reason under the RUT.
  test('un convenio con un RUT inválido vuelve con los 30 campos escritos y el motivo bajo el RUT', () => {
    const [use] = executes(convenioIntakeCard(localContext) as AdaptiveCard & Json);
    const data = { ...submitted(use!, toLocalDate(NOW), 'all'), 'entity.rut': '76.123.456-5' } as Json;
    let refusal: unknown;
    try {
      parseCreate('convenio', createFromInvoke('convenio', data as never, LOCAL_DIRECTORY));
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toMatchObject({ code: 'DATOS_INVALIDOS', fields: { 'entity.rut': expect.any(String) } });
    const card = intakeAgain(
      'convenio',
      localContext,
      actor('sergio'),
      { verb: 'convenio.crear', ...data },
      refusal as never,
    );
    const inputs = JSON.parse(JSON.stringify(card.body)) as Json[];
    const flat: Json[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        flat.push(n as Json);
        Object.values(n).forEach(walk);
      }
    };
    walk(inputs);
    const sent = Object.entries(data).filter(([k, v]) => k !== 'verb' && typeof v === 'string' && v !== '');
    expect(sent.length).toBeGreaterThan(20);
    for (const [id, value] of sent) {
      const input = flat.find((n) => n.id === id);
      expect([id, String(input?.value)]).toEqual([id, value]);
    }
    const at = flat.findIndex((n) => n.id === 'entity.rut.error');
    expect(flat[at]).toMatchObject({ type: 'TextBlock', color: 'attention' });
    const t = visibleText(card);
    expect(t[0]).toBe('No se pudo registrar el convenio');
    expect(t.some((line) => line.startsWith('RUT de la entidad: '))).toBe(true);
    expect(t.join('\n')).not.toContain('entity.');
  });
});

describe('ayuda, bienvenida, error y rechazo', () => {
  test('la ayuda enumera los comandos en español', () => {
    const t = visibleText(helpCard());
    for (const cmd of [
      'nueva solicitud',
      'nuevo convenio',
      'mis solicitudes',
      'pendientes',
      'buscar <referencia>',
      'ayuda',
    ])
      expect(t).toContain(cmd);
  });

  test('el error muestra el mensaje y el código, nunca una traza', () => {
    const t = visibleText(errorCard('Ya no existe ese registro.', 'NO_ENCONTRADO')).join('\n');
    expect(t).toContain('Ya no existe ese registro.');
    expect(t).toContain('Código: NO_ENCONTRADO');
    expect(t).not.toMatch(/\bat \S+ \(/);
  });

  test('el rechazo usa las palabras de la política', () => {
    expect(visibleText(refusalCard('Solo la unidad dueña del dato puede realizar esta acción.'))).toContain(
      'Solo la unidad dueña del dato puede realizar esta acción.',
    );
  });
});

describe('lista', () => {
  test('cada fila abre su tarjeta con Action.Execute «abrir» y muestra referencia, título, estado y plazo', () => {
    const card = listCard('Mis solicitudes y convenios', ROWS.slice(0, 3), cardContext()) as Json;
    const opens = allActions(card).filter((a) => a.type === 'Action.Execute');
    expect(opens.map((a) => a.data)).toEqual(ROWS.slice(0, 3).map((r) => ({ verb: OPEN_ITEM_VERB, id: r.id })));
    const t = visibleText(card);
    expect(t).toEqual(expect.arrayContaining(['SOL-2026-0001', 'Atenciones de salud por sector', 'Enviada']));
    expect(t).toContain('vence el 17-09-2026 · quedan 2 días hábiles');
  });

  test('acepta las filas del registro tal como vienen de la base de datos', () => {
    const registerRow: ListRow & Json = {
      ...ROWS[0]!,
      version: 1,
      requestingUnit: 'dideco',
      ownerUnit: 'salud',
      access: 'uso_interno',
      privacy: 'no_personal',
      overdue: false,
      overdueFlag: false,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    };
    expect(schemaErrors(listCard('Resultados', [registerRow], cardContext()))).toEqual([]);
  });

  test(`muestra a lo más ${MAX_ROWS} filas y dice cuántas quedan fuera`, () => {
    const [, card] = CARDS.at(-1)!;
    expect(allActions(card).filter((a) => a.type === 'Action.Execute')).toHaveLength(MAX_ROWS);
    expect(visibleText(card)).toContain(`Se muestran ${MAX_ROWS} de 40. Vea el registro completo en la pestaña.`);
  });
});

test('los controles sí detectan una tarjeta defectuosa (no pasan por omisión)', () => {
  const broken = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Submit' },
      { type: 'Input.Text', id: 'a', isRequired: true },
      { type: 'Input.Text', id: 'a' },
      { type: 'Gráfico' },
    ],
  };
  expect(schemaErrors(broken)).not.toEqual([]);
  expect(sdkProblems([broken])[0]).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^parse: Unknown element type/),
      expect.stringMatching(/^validate: Required inputs should have a label/),
      expect.stringMatching(/^validate: Duplicate Id/),
    ]),
  );
  expect(nonSpanish(broken)).toEqual(['Submit']);
});
