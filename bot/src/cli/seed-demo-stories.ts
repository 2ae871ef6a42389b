// The stories the demonstration data tells (npm run seed-demo): who asks which unit for what and when, how each
// request ends, and how each convenio goes through its stages. A story is a list of steps at local dates and hours;
// seed-demo.ts replays them in time order through the real repository. The words are in seed-demo-data.ts.
import { seedLegalBasis } from './seed-legal-basis';
import { createHash } from 'node:crypto';
import {
  addDays,
  addPeriod,
  currentDraft,
  nextWorkingDayOnOrAfter,
  startOfLocalDay,
  workingDayBefore,
  type Convenio,
  type HolidayCalendar,
  type Item,
  type ItemKind,
  type LocalDate,
} from '../../../protocol';
import { CONVENIOS, REQUESTS, type ConvenioText, type RequestText } from './seed-demo-data';

const UGDT = 'megan.bowen';
const SECPLAN = 'adele.vance';
const SECPLAN_CONVENIOS = 'pradeep.gupta';
const ADMINISTRADORA = 'patti.fernandez';
const DAJ = 'isaiah.langer';
const DIRECTORA_DAJ = 'lidia.holloway';
const ALCALDE = 'nestor.wilke';
const SECRETARIA_MUNICIPAL = 'joni.sherman';
const REQUESTS_COUNT = 56;
/** How far back the requests go, in working days (about six months: the Panel's default range). */
const SPAN_WORKING_DAYS = 122;

/** A reproducible sequence of pseudo-random numbers in [0, 1) (mulberry32), so every run tells the same stories. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Story {
  kind: ItemKind;
  id?: string;
}

type Raw = Record<string, unknown>;

export interface Step {
  at: Date;
  order: number;
  story: Story;
  who: string;
  create?: Raw;
  /** null: the step does not apply to this item and is skipped. */
  command?: (item: Item) => Raw | null;
}

/** The stories to replay, each a list of steps at local dates and hours; steps after `until` are left out. */
export class Script {
  readonly steps: Step[] = [];
  readonly stories: Story[] = [];
  private last = new Map<Story, number>();

  constructor(
    readonly cal: HolidayCalendar,
    readonly tz: string,
    readonly until: Date,
  ) {}

  /** `n` working days after `d` (the same day for 0). */
  wd(d: LocalDate, n: number): LocalDate {
    return n <= 0 ? d : addPeriod(this.cal, d, { amount: n, unit: 'habiles' }, this.tz);
  }

  at(d: LocalDate, hour: number): Date {
    return new Date(startOfLocalDay(d, this.tz).getTime() + Math.round(hour * 60) * 60_000);
  }

  story(kind: ItemKind, who: string, date: LocalDate, hour: number, input: Raw): Story {
    const story: Story = { kind };
    this.stories.push(story);
    this.add(story, date, hour, who, { create: input });
    return story;
  }

  /** A step of `story`, never before its previous one (a quarter of an hour after it at the earliest). */
  add(story: Story, date: LocalDate, hour: number, who: string, what: Pick<Step, 'create' | 'command'>): void {
    const prev = this.last.get(story);
    const t = Math.max(this.at(date, hour).getTime(), prev === undefined ? 0 : prev + 15 * 60_000);
    this.last.set(story, t);
    if (t < this.until.getTime()) this.steps.push({ at: new Date(t), order: this.steps.length, story, who, ...what });
  }

  do(story: Story, date: LocalDate, hour: number, who: string, command: Raw | ((item: Item) => Raw | null)): void {
    this.add(story, date, hour, who, { command: typeof command === 'function' ? command : () => command });
  }
}

type Fate =
  | 'cerrada'
  | 'plazo'
  | 'tarde'
  | 'observada'
  | 'no_disponible'
  | 'entregada'
  | 'reasignada'
  | 'rechazada'
  | 'prorrogada'
  | 'cancelada'
  | 'sin_respuesta'
  | 'sin_entrega'
  | 'cerrada_ugdt';

const FATES: Fate[] = [
  'cerrada',
  'plazo',
  'sin_respuesta',
  'observada',
  'cerrada',
  'tarde',
  'no_disponible',
  'reasignada',
  'cerrada',
  'entregada',
  'rechazada',
  'sin_entrega',
  'prorrogada',
  'cerrada',
  'cancelada',
  'cerrada_ugdt',
  'cerrada',
];

/** Working days to acknowledge and to deliver, by owner unit: some units answer faster than others. */
const PACE: Record<string, { ack: [number, number]; deliver: [number, number] }> = {
  salud: { ack: [0, 1], deliver: [3, 6] },
  dom: { ack: [1, 3], deliver: [7, 11] },
  rsh: { ack: [1, 2], deliver: [5, 9] },
  transito: { ack: [0, 2], deliver: [4, 8] },
  educacion: { ack: [0, 1], deliver: [4, 9] },
  dideco: { ack: [1, 2], deliver: [5, 10] },
  ugdt: { ack: [0, 0], deliver: [1, 3] },
};

/**
 * The internal requests: REQUESTS_COUNT of them spread over the last SPAN_WORKING_DAYS working days, each with a
 * fate (closed on time or late, observed, reassigned, extended, refused, left unanswered…) played at the pace of
 * its owner unit. The newest ones are still open because their later steps fall after today.
 */
export function requestStories(
  s: Script,
  today: LocalDate,
  units: { staffed(unit: string): boolean; of(person: string): string; name(unit: string): string },
) {
  const rnd = random(19_880);
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  // Which datasets suit a story: a grounded refusal needs sensitive data, a reassignment a likely wrong first
  // unit, an unanswered request a unit with nobody to answer it in the directory; the rest any staffed unit.
  const suits = (fate: Fate): ((t: RequestText) => boolean) =>
    fate === 'rechazada'
      ? (t) => !!t.refusal
      : fate === 'reasignada'
        ? (t) => !!t.wrongOwner && t.requesters.some((p) => units.of(p) !== t.wrongOwner && units.of(p) !== t.owner)
        : fate === 'sin_respuesta' || fate === 'cerrada_ugdt'
          ? (t) => !units.staffed(t.owner)
          : (t) => units.staffed(t.owner);
  const kindOf = (fate: Fate) =>
    fate === 'rechazada' || fate === 'reasignada'
      ? fate
      : fate === 'sin_respuesta' || fate === 'cerrada_ugdt'
        ? 'sin_personal'
        : 'normal';
  const turns = new Map<string, number>();
  for (let i = 0; i < REQUESTS_COUNT; i++) {
    // One of the latest is left waiting on a date the owner unit committed to (en plazo de espera).
    const fate = i === REQUESTS_COUNT - 2 ? 'plazo' : FATES[i % FATES.length]!;
    // The next dataset in turn among those that suit the story, so every unit and dataset gets its share.
    const options = REQUESTS.filter(suits(fate));
    const turn = turns.get(kindOf(fate)) ?? 0;
    turns.set(kindOf(fate), turn + 1);
    const t = options[turn % options.length]!;
    const first = fate === 'reasignada' ? t.wrongOwner! : t.owner;
    const askers = t.requesters.filter((p) => units.of(p) !== first && units.of(p) !== t.owner);
    const requester = askers[i % askers.length]!;
    const age = Math.round(((REQUESTS_COUNT - 1 - i) / (REQUESTS_COUNT - 1)) * SPAN_WORKING_DAYS) + (i % 3);
    const created = workingDayBefore(s.cal, today, age);
    const story = s.story('solicitud', requester, created, 8.5 + rnd() * 4, {
      ownerUnitId: first,
      dataset: t.dataset,
      purpose: t.purpose,
      justification: t.justification,
      expectedBenefits: t.expectedBenefits,
      legalBasis: seedLegalBasis(t.legalBasis, [t.dataset]),
      ...(i % 4 === 0 ? { neededBy: addDays(created, 30) } : {}),
    });
    const pace = PACE[t.owner] ?? { ack: [1, 2], deliver: [5, 9] };
    // Older requests took a little longer: the units got faster as the protocol settled in.
    const slower = Math.round((age / SPAN_WORKING_DAYS) * 2);
    const a = between(...pace.ack);
    const d = Math.max(a + 1, between(...pace.deliver) + slower);
    const day = (n: number) => s.wd(created, n);
    const owner = (unit: string) => `responsable:${unit}`;
    const ack = (n: number) => s.do(story, day(n), 9 + rnd() * 3, owner(t.owner), { type: 'acusar_recibo' });
    const deliver = (n: number, note = t.delivery.note) =>
      s.do(story, day(n), 10 + rnd() * 7, owner(t.owner), {
        type: 'entregar',
        // The unit's own SharePoint site: a link to a municipal system (issue 15: a bare file name is no delivery).
        link: `https://quillota.sharepoint.com/sites/${t.owner}/Entregas/${encodeURIComponent(t.delivery.fileName)}`,
        note,
      });
    const conforme = (n: number) => s.do(story, day(n), 9 + rnd() * 8, requester, { type: 'conforme' });
    const remind = (n: number) => s.do(story, day(n), 9.5, UGDT, { type: 'recordar' });

    switch (fate) {
      case 'cerrada':
        ack(a);
        if (i % 3 === 0)
          s.do(story, day(a + 1), 11, requester, {
            type: 'comentar',
            text: 'Si es posible, incluyan también el sector de San Pedro. Gracias.',
          });
        deliver(d);
        conforme(d + between(1, 2));
        break;
      case 'plazo':
        // More time than the legal period: the owner asks for an extension before it expires and UGDT grants it
        // (Ley 19.880 art. 26: at most half the period); the delivery then falls inside the extended deadline.
        ack(a);
        s.do(story, day(a + 1), 12, owner(t.owner), {
          type: 'solicitar_prorroga',
          amount: 3,
          reason: 'La información requiere validación del encargado antes de entregarla.',
        });
        s.do(story, day(a + 2), 10, UGDT, { type: 'conceder_prorroga' });
        deliver(11);
        conforme(12);
        break;
      case 'tarde':
        ack(3);
        deliver(12, `${t.delivery.note} Disculpen la demora: la unidad tuvo licencias médicas.`);
        conforme(13);
        break;
      case 'observada':
        ack(a);
        deliver(d);
        s.do(story, day(d + 1), 10, requester, {
          type: 'observar',
          reason: 'Faltan los registros del sector rural; por favor complementar la entrega.',
        });
        deliver(d + 4, 'Se complementa con los registros del sector rural.');
        conforme(d + 5);
        break;
      case 'no_disponible':
        ack(a);
        s.do(story, day(a + between(2, 4)), 15, owner(t.owner), { type: 'no_disponible', reason: t.unavailable });
        break;
      case 'entregada':
        ack(a);
        deliver(d);
        break;
      case 'reasignada':
        s.do(story, day(1), 9.5, UGDT, {
          type: 'reasignar',
          unitId: t.owner,
          reason: `Los datos los administra ${units.name(t.owner)}, no ${units.name(first)}.`,
        });
        ack(2);
        deliver(2 + d);
        conforme(3 + d);
        break;
      case 'rechazada':
        ack(a);
        s.do(story, day(a + 2), 16, owner(t.owner), { type: 'rechazar', ...t.refusal! });
        break;
      case 'prorrogada':
        ack(a);
        // Ley 19.880 art. 26: the unit asks and the UGDT decides, both before the answer deadline expires.
        s.do(story, day(7), 16, owner(t.owner), {
          type: 'solicitar_prorroga',
          amount: 4,
          reason: 'La extracción depende de un proveedor externo.',
        });
        s.do(story, day(8), 10, UGDT, {
          type: 'conceder_prorroga',
          note: 'Se concede: se pidió antes del vencimiento.',
        });
        deliver(13);
        conforme(14);
        break;
      case 'cancelada':
        s.do(story, day(1), 16, requester, {
          type: 'cancelar',
          reason: 'Obtuvimos la información desde el informe publicado en transparencia activa.',
        });
        break;
      case 'sin_respuesta':
        remind(4);
        break;
      case 'sin_entrega':
        ack(a);
        s.do(story, day(8), 12, requester, {
          type: 'comentar',
          text: '¿Hay novedades? La necesitamos para el informe.',
        });
        remind(12);
        break;
      case 'cerrada_ugdt':
        remind(4);
        s.do(story, day(16), 17, UGDT, {
          type: 'cerrar',
          reason: 'Sin respuesta de la unidad; la UGDT obtuvo los datos por oficio y se cierra la solicitud.',
        });
        break;
    }
  }
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The convenios, one per stage: in evaluation, drafting, legal review (after an observation), signature, in force
 * with an evaluation soon due or already late, about to expire, and withdrawn. Those in force go back up to a year.
 */
export function convenioStories(s: Script, today: LocalDate) {
  const day = (daysAgo: number) => {
    const d = nextWorkingDayOnOrAfter(s.cal, addDays(today, -daysAgo));
    return d > today ? today : d;
  };
  const after = (start: LocalDate, days: number) => nextWorkingDayOnOrAfter(s.cal, addDays(start, days));
  const draftOf = (item: Item) => currentDraft(item as Convenio)!;
  let decrees = 0;
  const open = (c: ConvenioText, createdAgo: number) => {
    const created = day(createdAgo);
    return { story: s.story('convenio', c.proposer, created, 10, c.input), created };
  };
  /** The convenio from its proposal through as many steps as `upTo` names, `gap` calendar days apart. */
  const through = (story: Story, created: LocalDate, upTo: number, gap = 4) => {
    const steps: [string, (item: Item, date: LocalDate) => Raw][] = [
      [
        SECPLAN,
        () => ({
          type: 'registrar_evaluacion',
          checklist: {
            necesidad: { ok: true, note: 'Responde a un objetivo del PLADECO.' },
            beneficioMutuo: { ok: true, note: 'Ambas partes obtienen beneficios concretos.' },
            cumplimientoNormativo: { ok: true, note: 'Base legal verificada por SECPLAN.' },
            privacidadSeguridad: { ok: true, note: 'Incluye cláusulas de seguridad y eliminación.' },
          },
          committeeSession: 'Comité de Datos, sesión ordinaria',
        }),
      ],
      [ADMINISTRADORA, () => ({ type: 'aprobar_evaluacion', note: 'Se aprueba; prioridad para la gestión.' })],
      [SECPLAN_CONVENIOS, (item) => draft(item)],
      [SECPLAN, () => ({ type: 'enviar_a_visacion' })],
      [DAJ, (item) => ({ type: 'visar', version: draftOf(item).version, sha256: draftOf(item).sha256 })],
      [
        SECPLAN_CONVENIOS,
        (item) => ({
          type: 'registrar_visacion_externa',
          version: draftOf(item).version,
          sha256: draftOf(item).sha256,
          reviewer: 'Abogado(a) de la contraparte',
          evidence: 'Visto bueno por correo electrónico, archivado en la carpeta del convenio.',
        }),
      ],
      [
        SECPLAN,
        (item) => ({
          type: 'firmar',
          signerId: 'f1',
          version: draftOf(item).version,
          sha256: draftOf(item).sha256,
          method: 'fea',
          evidence: 'Documento firmado con firma electrónica avanzada por la contraparte.',
        }),
      ],
      [
        ALCALDE,
        (item) => ({ type: 'firmar', signerId: 'f2', version: draftOf(item).version, sha256: draftOf(item).sha256 }),
      ],
      [
        SECRETARIA_MUNICIPAL,
        (_item, date) => ({ type: 'registrar_decreto', number: `${(decrees += 1) + 1840}/${date.slice(0, 4)}`, date }),
      ],
    ];
    let date = created;
    for (const [i, [who, command]] of steps.slice(0, upTo).entries()) {
      const on = (date = after(date, gap));
      // Rule 6: a convenio that needs an impact assessment has it recorded before its decree (the last step).
      if (i === steps.length - 1)
        s.do(story, on, 10, SECPLAN, (item) =>
          item.kind === 'convenio' && item.impactAssessmentRequired && !item.eipd
            ? {
                type: 'registrar_eipd',
                date: on,
                author: 'SECPLAN con la Unidad de Gobierno de Datos',
                documentName: `EIPD ${item.reference}.pdf`,
              }
            : null,
        );
      s.do(story, on, 11, who, (item) => command(item, on));
    }
    return date;
  };
  const draft = (item: Item) => {
    const version = (item as Convenio).documents.filter((d) => d.kind === 'borrador').length + 1;
    return {
      type: 'registrar_borrador',
      fileName: `${item.reference} borrador v${version}.docx`,
      sha256: sha(`${item.reference} v${version}`),
      url: `https://quillota.sharepoint.com/sites/convenios/${item.reference}/borrador-v${version}.docx`,
    };
  };
  const transfer = (story: Story, date: LocalDate, who: string, what: string) =>
    s.do(story, date, 12, who, {
      type: 'registrar_transferencia',
      date,
      datasets: [what],
      method: 'Biblioteca de SharePoint con enlace para personas específicas',
      municipalResponsible: 'Lee Gu (UGDT)',
      externalResponsible: 'Contraparte técnica de la entidad',
    });

  open(CONVENIOS.evaluacion, 6);
  {
    const { story, created } = open(CONVENIOS.redaccion, 45);
    through(story, created, 3);
  }
  {
    const { story, created } = open(CONVENIOS.visacion, 80);
    const d = through(story, created, 4);
    s.do(story, after(d, 6), 15, DIRECTORA_DAJ, {
      type: 'observar',
      side: 'municipal',
      comments: 'Precisar la cláusula de eliminación de datos y el plazo de conservación de los registros.',
    });
    s.do(story, after(d, 10), 11, SECPLAN_CONVENIOS, (item) => draft(item));
    s.do(story, after(d, 11), 11, SECPLAN, { type: 'enviar_a_visacion' });
    s.do(story, after(d, 15), 11, DAJ, (item) => ({
      type: 'visar',
      version: draftOf(item).version,
      sha256: draftOf(item).sha256,
      note: 'Observaciones subsanadas.',
    }));
  }
  {
    const { story, created } = open(CONVENIOS.firma, 110);
    through(story, created, 7, 6);
  }
  {
    // Decree about 172 days ago: the six-monthly evaluation falls due in the coming days.
    const { story, created } = open(CONVENIOS.evaluacionProxima, 208);
    const d = through(story, created, 9);
    transfer(story, after(d, 10), 'diego.siciliani', 'Atenciones de urgencia SAPU por causa y sector');
    transfer(story, after(d, 100), 'diego.siciliani', 'Atenciones de urgencia SAPU por causa y sector');
  }
  {
    // Twelve months from a decree about 325 days ago: the end-of-vigencia notice has fired (por vencer).
    const { story, created } = open(CONVENIOS.porVencer, 361);
    const d = through(story, created, 9);
    transfer(story, after(d, 14), SECPLAN, 'Encuesta origen-destino anonimizada');
    s.do(story, after(d, 190), 10, SECPLAN, {
      type: 'registrar_evaluacion_periodica',
      compliance: 'cumple',
      effectiveness: 'El diagnóstico de movilidad se incorporó al anteproyecto del PLADECO.',
      findings: 'Sin observaciones; la contraparte acreditó el acceso restringido a los datos.',
    });
  }
  {
    // Decree about 200 days ago: the evaluation fell due weeks ago and SECPLAN has not registered it.
    const { story, created } = open(CONVENIOS.evaluacionAtrasada, 236);
    const d = through(story, created, 9);
    transfer(story, after(d, 12), 'grady.archie', 'Red de luminarias');
  }
  {
    const { story, created } = open(CONVENIOS.desistido, 95);
    const d = through(story, created, 1, 6);
    s.do(story, after(d, 9), 16, CONVENIOS.desistido.proposer, {
      type: 'desistir',
      reason: 'La fundación no cuenta con financiamiento para el programa este año.',
    });
  }
}
