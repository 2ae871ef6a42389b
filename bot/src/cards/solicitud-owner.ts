// Internal request, owner unit's step (§2c): acknowledge, give a wait time (within the legal period), deliver, say it
// is not available, or refuse with legal grounds. Asking for an extension and correcting the classification are in
// solicitud-owner-extras.ts; action-bar.ts decides which of them are in view.
import {
  extensionLeft,
  formatDate,
  holdersOf,
  latestWaitDate,
  pendingExtensionRequest,
  toLocalDate,
  type Directory,
  type Solicitud,
} from '../../../protocol';
import { dateInput, facts, heading, textInput } from './card-elements';
import { periodWords } from './format';
import { inputId } from './inputs';
import { direct, form, longText, type Step } from './step';

type OwnerVerb = 'acusar_recibo' | 'indicar_plazo' | 'entregar' | 'no_disponible' | 'rechazar';

/** Whom the owner unit asks for more time once it cannot ask for a prórroga itself (issue 14 §2): the UGDT, by name. */
function ugdtByName(directory: Directory): string {
  const names = holdersOf(directory, 'ugdt').map((p) => p.name);
  return names.length ? `la UGDT (${names.join(', ')})` : 'la UGDT';
}

/**
 * How to get more time than the legal period: a prórroga while the art. 26 allowance lasts and the deadline has not
 * passed (Ley 19.880 art. 26: requested and decided before expiry, at most half the original period), else whom to ask.
 */
function moreTime(s: Solicitud, today: string, directory: Directory): string {
  if (pendingExtensionRequest(s)) return 'la prórroga que pidió espera la decisión de la UGDT';
  if (extensionLeft(s.deadlines.answer) > 0 && today <= s.deadlines.answer.dueDate)
    return 'para más, solicite una prórroga';
  return `la prórroga del art. 26 ya no está disponible; para más tiempo, hable con ${ugdtByName(directory)}`;
}

export const solicitudOwnerStep: Step<Solicitud, OwnerVerb> = {
  body: (v) => {
    const s = v.item;
    const pending = pendingExtensionRequest(s);
    const today = toLocalDate(v.ctx.now, v.ctx.settings.timeZone);
    const reiterated = s.reiterations?.at(-1);
    return [
      heading('Respuesta de la unidad dueña del dato'),
      facts([
        ['Acuse de recibo', s.acknowledged ? 'registrado' : `hasta el ${formatDate(s.deadlines.acknowledge.dueDate)}`],
        ['Respuesta', `hasta el ${formatDate(s.deadlines.answer.dueDate)}`],
        [
          'Plazo máximo a indicar',
          `${formatDate(latestWaitDate(s))} (plazo legal; ${moreTime(s, today, v.ctx.directory)})`,
        ],
        [
          'Prórroga solicitada',
          pending &&
            `${periodWords(pending.amount, s.deadlines.answer.period.unit)}, en espera de la decisión de la UGDT`,
        ],
        [
          'Oficio reiterativo',
          reiterated && `responda a más tardar el ${formatDate(reiterated.until)} (la solicitud sigue fuera de plazo)`,
        ],
      ]),
    ];
  },
  actions: {
    acusar_recibo: (a, v) => direct(v.item, a.verb, a.label),
    indicar_plazo: (a, v) => {
      const today = toLocalDate(v.ctx.now, v.ctx.settings.timeZone);
      const latest = latestWaitDate(v.item);
      return form(
        v.item,
        a.verb,
        a.label,
        [
          dateInput({
            id: inputId(a.verb, 'until'),
            label: 'Fecha comprometida de entrega',
            // Teams shows this for a missing date and for one outside the picker's range alike: say the range.
            required:
              latest >= today
                ? `Elija una fecha entre hoy (${formatDate(today)}) y el ${formatDate(latest)} (plazo legal).`
                : `El plazo legal venció el ${formatDate(latest)}: ya no se puede indicar una fecha. Entregue los datos o ` +
                  `hable con ${ugdtByName(v.ctx.directory)}.`,
            min: today,
            // Past the legal period the picker would have no valid day; decide() then explains why.
            ...(latest >= today ? { max: latest } : {}),
          }),
          longText(a.verb, 'note', 'Nota para quien solicita', 'Escriba una nota (al menos 3 caracteres).'),
        ],
        { submit: 'Indicar plazo' },
      );
    },
    entregar: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          textInput({
            id: inputId(a.verb, 'link'),
            label: 'Enlace a los datos',
            style: 'url',
            placeholder: 'https://…',
            maxLength: 2000,
          }),
          textInput({ id: inputId(a.verb, 'fileName'), label: 'Nombre del archivo enviado', maxLength: 200 }),
          longText(a.verb, 'note', 'Nota de entrega', 'Escriba una nota de entrega (al menos 3 caracteres).'),
        ],
        {
          submit: 'Entregar',
          intro: 'Indique el enlace (SharePoint u otro) o el nombre del archivo enviado; al menos uno de los dos.',
        },
      ),
    no_disponible: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [longText(a.verb, 'reason', 'Motivo', 'Indique por qué los datos no están disponibles.')],
        { submit: 'Informar no disponible' },
      ),
    rechazar: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          longText(a.verb, 'reason', 'Fundamento', 'Indique el fundamento del rechazo.'),
          textInput({
            id: inputId(a.verb, 'legalGround'),
            label: 'Norma que lo impide',
            required: 'Indique la norma (por ejemplo, Ley 19.628 art. 10).',
            placeholder: 'Ej.: Ley 19.628 art. 10',
            maxLength: 500,
          }),
        ],
        {
          submit: 'Rechazar',
          intro: 'El rechazo fundado queda visible para la UGDT y para quien solicita.',
        },
      ),
  },
};
