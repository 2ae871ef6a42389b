// Convenio legal review (§3b, §5e): the DAJ visa the exact draft version, SECPLAN records the counterpart's legal
// visación with its evidence, and either side's observations send the draft back to redacción.
import {
  authorizeConvenio,
  currentDraft,
  isDomainError,
  type Actor,
  type Convenio,
  type ConvenioCommand,
} from '../../../protocol';
import { choiceSet, facts, heading, textInput } from './card-elements';
import { draftInWords, draftSection } from './convenio-document';
import { formatInstant } from './format';
import { inputId } from './inputs';
import { form, longText, TEXT_MAX, type Step, type StepView } from './step';
import { CONVENIO, LEGAL_REVIEW } from './textos/convenio';

type ReviewVerb = 'visar' | 'registrar_visacion_externa' | 'observar';
type Side = 'municipal' | 'externa';

/** The document the review binds to, carried in the action data and checked again by decide(). */
function bound(c: Convenio) {
  const d = currentDraft(c);
  return d ? { docVersion: d.version, sha256: d.sha256 } : {};
}

/** Which side's observation the viewer may record, asked of the protocol's policy rather than re-derived here. */
function observableSides(viewer: Actor, c: Convenio): Side[] {
  return (['municipal', 'externa'] as const).filter((side) => {
    try {
      authorizeConvenio(viewer, c, { type: 'observar', side, comments: '' } as ConvenioCommand);
      return true;
    } catch (e) {
      if (isDomainError(e)) return false;
      throw e;
    }
  });
}

function observar(command: string, label: string, v: StepView<Convenio>) {
  const c = v.item;
  const sides = observableSides(v.viewer, c);
  const external = LEGAL_REVIEW.sideExternal(c.entity.name);
  const sideInput =
    sides.length > 1
      ? [
          choiceSet({
            id: inputId(command, 'side'),
            label: LEGAL_REVIEW.side,
            required: LEGAL_REVIEW.sideRequired,
            choices: [
              ['municipal', LEGAL_REVIEW.sideMunicipal],
              ['externa', external],
            ],
          }),
        ]
      : [];
  const only = sides.length === 1 ? sides[0] : undefined;
  return form(
    c,
    command,
    only === 'externa' ? LEGAL_REVIEW.observeExternal : label,
    [...sideInput, longText(command, 'comments', LEGAL_REVIEW.observations, LEGAL_REVIEW.observationsRequired, 4000)],
    {
      submit: LEGAL_REVIEW.observeSubmit,
      intro: LEGAL_REVIEW.observeIntro,
      ...(only ? { extra: { side: only } } : {}),
    },
  );
}

export const convenioLegalReviewStep: Step<Convenio, ReviewVerb> = {
  body: (v) => {
    const c = v.item;
    const tz = v.ctx.settings.timeZone;
    const m = c.legalReviews.municipal;
    const x = c.legalReviews.external;
    return [
      heading(LEGAL_REVIEW.heading),
      ...draftSection(c, v.ctx),
      facts([
        [LEGAL_REVIEW.daj, m ? LEGAL_REVIEW.dajDone(m.by.name, formatInstant(m.at, tz), m.version) : CONVENIO.pending],
        [c.entity.name, x ? LEGAL_REVIEW.externalDone(x.reviewer, formatInstant(x.at, tz)) : CONVENIO.pending],
      ]),
    ];
  },
  actions: {
    visar: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [textInput({ id: inputId(a.verb, 'note'), label: LEGAL_REVIEW.note, multiline: true, maxLength: TEXT_MAX })],
        { submit: LEGAL_REVIEW.visaSubmit, intro: LEGAL_REVIEW.visaIntro(draftInWords(v.item)), extra: bound(v.item) },
      ),
    registrar_visacion_externa: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          textInput({
            id: inputId(a.verb, 'reviewer'),
            label: LEGAL_REVIEW.reviewer,
            required: LEGAL_REVIEW.reviewerRequired,
            value: v.item.entity.legalContact.name,
            maxLength: 200,
          }),
          longText(a.verb, 'evidence', CONVENIO.evidence, LEGAL_REVIEW.evidenceRequired, 1000),
        ],
        {
          submit: LEGAL_REVIEW.externalSubmit,
          intro: LEGAL_REVIEW.externalIntro(v.item.entity.name, draftInWords(v.item)),
          extra: bound(v.item),
        },
      ),
    observar: (a, v) => observar(a.verb, a.label, v),
  },
};
