// Internal request, owner unit's other steps: ask the UGDT for an extension of the answer deadline before it expires
// (Ley 19.880 art. 26) and correct the classification of the data (rule 8: redaction follows the new class).
import {
  ACCESS_LABELS,
  extensionLeft,
  formatDate,
  LEGAL_GROUND_LABELS,
  maxExtension,
  PRIVACY_LABELS,
  type AccessLevel,
  type LegalGround,
  type PrivacyLevel,
  type Solicitud,
} from '../../../protocol';
import { choiceSet, numberInput, textInput, toggle } from './card-elements';
import { periodWords } from './format';
import { inputId } from './inputs';
import { form, longText, type Step } from './step';

type OwnerExtraVerb = 'solicitar_prorroga' | 'corregir_clasificacion';

/**
 * The extension form both the owner unit (asking) and the UGDT (de oficio) fill: days, at most what is left of half
 * the original period (Ley 19.880 art. 26), and the reason.
 */
export function extensionForm(
  item: Solicitud,
  verb: string,
  label: string,
  reasonHelp: string,
  options: { submit: string; intro: string },
) {
  const answer = item.deadlines.answer;
  const left = extensionLeft(answer);
  return form(
    item,
    verb,
    label,
    [
      numberInput({
        id: inputId(verb, 'amount'),
        label: `Días de prórroga (máximo ${periodWords(left, answer.period.unit)})`,
        required: `Indique los días de prórroga, entre 1 y ${left}.`,
        min: 1,
        ...(left > 0 ? { max: left } : {}),
      }),
      longText(verb, 'reason', 'Motivo', reasonHelp),
    ],
    options,
  );
}

const entries = <K extends string>(labels: Record<K, string>): [string, string][] => Object.entries(labels);

export const solicitudOwnerExtrasStep: Step<Solicitud, OwnerExtraVerb> = {
  actions: {
    solicitar_prorroga: (a, v) => {
      const answer = v.item.deadlines.answer;
      return extensionForm(v.item, a.verb, a.label, 'Indique por qué necesita más tiempo.', {
        submit: 'Solicitar prórroga',
        intro:
          `Vence el ${formatDate(answer.dueDate)}. Ley 19.880 art. 26: la prórroga se pide y se decide antes del ` +
          `vencimiento y no excede la mitad del plazo original (${periodWords(maxExtension(answer.period).amount, answer.period.unit)}); quedan ${periodWords(extensionLeft(answer), answer.period.unit)}.`,
      });
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
            // A reserved class keeps needing its ground; the current one is offered.
            ...(c.legalGround ? { required: 'Elija el fundamento legal de la reserva.' } : {}),
            value: c.legalGround,
            choices: entries<LegalGround>(LEGAL_GROUND_LABELS),
          }),
          textInput({
            id: id('legalGroundDetail'),
            label: 'Ley de quórum calificado (solo si eligió esa causal)',
            value: c.legalGroundDetail,
            ...(c.legalGroundDetail ? { required: 'Indique la ley de quórum calificado.' } : {}),
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
