// Internal request, owner unit's step (§2c): acknowledge, give a wait time, deliver, say it is not available, or
// refuse with legal grounds; ask the UGDT for an extension before the deadline (Ley 19.880 art. 26) and correct the
// classification of the data (rule 8).
import {
  ACCESS_LABELS,
  extensionLeft,
  formatDate,
  LEGAL_GROUND_LABELS,
  latestWaitDate,
  maxExtension,
  pendingExtensionRequest,
  PRIVACY_LABELS,
  toLocalDate,
  type AccessLevel,
  type LegalGround,
  type PrivacyLevel,
  type Solicitud,
} from '../../../protocol';
import { choiceSet, dateInput, facts, heading, numberInput, textInput, toggle } from './card-elements';
import { periodWords } from './format';
import { inputId } from './inputs';
import { direct, form, longText, type Step } from './step';

type OwnerVerb =
  | 'acusar_recibo'
  | 'indicar_plazo'
  | 'entregar'
  | 'no_disponible'
  | 'rechazar'
  | 'solicitar_prorroga'
  | 'corregir_clasificacion';

const entries = <K extends string>(labels: Record<K, string>): [string, string][] => Object.entries(labels);

export const solicitudOwnerStep: Step<Solicitud, OwnerVerb> = {
  body: (v) => {
    const s = v.item;
    const pending = pendingExtensionRequest(s);
    const reiterated = s.reiterations?.at(-1);
    return [
      heading('Respuesta de la unidad dueña del dato'),
      facts([
        ['Acuse de recibo', s.acknowledged ? 'registrado' : `hasta el ${formatDate(s.deadlines.acknowledge.dueDate)}`],
        ['Respuesta', `hasta el ${formatDate(s.deadlines.answer.dueDate)}`],
        ['Plazo máximo a indicar', `${formatDate(latestWaitDate(s))} (plazo legal; para más, solicite una prórroga)`],
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
    acusar_recibo: (a, v) => direct(v.item, a.verb, a.label, 'positive'),
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
            required: 'Indique la fecha de entrega.',
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
          style: 'positive',
          intro: 'Indique el enlace (SharePoint u otro) o el nombre del archivo enviado; al menos uno de los dos.',
        },
      ),
    no_disponible: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [longText(a.verb, 'reason', 'Motivo', 'Indique por qué los datos no están disponibles.')],
        { submit: 'Informar no disponible', style: 'destructive' },
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
          style: 'destructive',
          intro: 'El rechazo fundado queda visible para la UGDT y para quien solicita.',
        },
      ),
    solicitar_prorroga: (a, v) => {
      const answer = v.item.deadlines.answer;
      const left = extensionLeft(answer);
      const words = periodWords(left, answer.period.unit);
      return form(
        v.item,
        a.verb,
        a.label,
        [
          numberInput({
            id: inputId(a.verb, 'amount'),
            label: `Días de prórroga (máximo ${words})`,
            required: `Indique los días de prórroga, entre 1 y ${left}.`,
            min: 1,
            ...(left > 0 ? { max: left } : {}),
          }),
          longText(a.verb, 'reason', 'Motivo', 'Indique por qué necesita más tiempo.'),
        ],
        {
          submit: 'Solicitar prórroga',
          intro:
            `Vence el ${formatDate(answer.dueDate)}. Ley 19.880 art. 26: la prórroga se pide y se decide antes del ` +
            `vencimiento y no excede la mitad del plazo original (${periodWords(maxExtension(answer.period).amount, answer.period.unit)}); quedan ${words}.`,
        },
      );
    },
    corregir_clasificacion: (a, v) => {
      const c = v.item.classification;
      const id = (f: string) => inputId(a.verb, `classification.${f}`);
      return form(
        v.item,
        a.verb,
        a.label,
        [
          choiceSet({
            id: id('access'),
            label: 'Acceso',
            required: 'Elija el nivel de acceso.',
            value: c.access,
            choices: entries<AccessLevel>(ACCESS_LABELS),
          }),
          choiceSet({
            id: id('legalGround'),
            label: 'Fundamento legal de la reserva (solo si es reservada o secreta)',
            placeholder: 'Sin reserva',
            value: c.legalGround,
            choices: entries<LegalGround>(LEGAL_GROUND_LABELS),
          }),
          textInput({
            id: id('legalGroundDetail'),
            label: 'Ley de quórum calificado (solo si eligió esa causal)',
            value: c.legalGroundDetail,
            maxLength: 300,
          }),
          choiceSet({
            id: id('privacy'),
            label: 'Privacidad',
            required: 'Elija el nivel de privacidad.',
            value: c.privacy,
            choices: entries<PrivacyLevel>(PRIVACY_LABELS),
          }),
          toggle({
            id: id('largeScale'),
            label: 'Escala',
            title: 'Tratamiento a gran escala (muchas personas titulares de los datos)',
            on: !!c.largeScale,
          }),
          longText(a.verb, 'reason', 'Motivo de la corrección', 'Explique la corrección (al menos 10 caracteres).'),
        ],
        {
          submit: 'Corregir clasificación',
          intro: 'Desde ahora, quién puede leer el detalle del dato se decide con la nueva clasificación.',
        },
      );
    },
  },
};
