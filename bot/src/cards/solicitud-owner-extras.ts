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
import { OWNER_EXTRAS as T } from './textos/solicitud';

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
        label: T.days(periodWords(left, answer.period.unit)),
        required: T.daysRequired(periodWords(left, answer.period.unit)),
        min: 1,
        ...(left > 0 ? { max: left } : {}),
      }),
      longText(verb, 'reason', T.reason, reasonHelp),
    ],
    options,
  );
}

const entries = <K extends string>(labels: Record<K, string>): [string, string][] => Object.entries(labels);

export const solicitudOwnerExtrasStep: Step<Solicitud, OwnerExtraVerb> = {
  actions: {
    solicitar_prorroga: (a, v) => {
      const answer = v.item.deadlines.answer;
      const unit = answer.period.unit;
      return extensionForm(v.item, a.verb, a.label, T.askReason, {
        submit: T.askSubmit,
        intro: T.askIntro(
          formatDate(answer.dueDate),
          periodWords(maxExtension(answer.period).amount, unit),
          periodWords(extensionLeft(answer), unit),
        ),
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
            label: T.access,
            required: T.accessRequired,
            value: c.access,
            choices: entries<AccessLevel>(ACCESS_LABELS),
          }),
          choiceSet({
            id: id('legalGround'),
            label: T.legalGround,
            placeholder: T.noReserve,
            // A reserved class keeps needing its ground; the current one is offered.
            ...(c.legalGround ? { required: T.legalGroundRequired } : {}),
            value: c.legalGround,
            choices: entries<LegalGround>(LEGAL_GROUND_LABELS),
          }),
          textInput({
            id: id('legalGroundDetail'),
            label: T.legalGroundDetail,
            value: c.legalGroundDetail,
            ...(c.legalGroundDetail ? { required: T.legalGroundDetailRequired } : {}),
            maxLength: 300,
          }),
          choiceSet({
            id: id('privacy'),
            label: T.privacy,
            required: T.privacyRequired,
            value: c.privacy,
            choices: entries<PrivacyLevel>(PRIVACY_LABELS),
          }),
          toggle({
            id: id('largeScale'),
            label: T.scale,
            title: T.largeScale,
            on: !!c.largeScale,
          }),
          longText(a.verb, 'reason', T.correctionReason, T.correctionReasonRequired),
        ],
        { submit: T.correctSubmit, intro: T.correctIntro },
      );
    },
  },
};
