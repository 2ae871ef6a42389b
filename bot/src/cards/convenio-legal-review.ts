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
import { draftSection } from './convenio-document';
import { formatInstant, shortHash } from './format';
import { inputId } from './inputs';
import { form, longText, TEXT_MAX, type Step, type StepView } from './step';

type ReviewVerb = 'visar' | 'registrar_visacion_externa' | 'observar';
type Side = 'municipal' | 'externa';

/** The document the review binds to, carried in the action data and checked again by decide(). */
function bound(c: Convenio) {
  const d = currentDraft(c);
  return d ? { docVersion: d.version, sha256: d.sha256 } : {};
}

function boundIntro(c: Convenio, what: string): string {
  const d = currentDraft(c);
  return d ? `${what} la versión ${d.version} (huella ${shortHash(d.sha256)}…).` : `${what} el borrador vigente.`;
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
  const external = `Área jurídica de ${c.entity.name}`;
  const sideInput =
    sides.length > 1
      ? [
          choiceSet({
            id: inputId(command, 'side'),
            label: 'Quién observa',
            required: 'Elija quién observa.',
            choices: [
              ['municipal', 'DAJ (municipal)'],
              ['externa', external],
            ],
          }),
        ]
      : [];
  const only = sides.length === 1 ? sides[0] : undefined;
  return form(
    c,
    command,
    only === 'externa' ? 'Registrar observación externa' : label,
    [...sideInput, longText(command, 'comments', 'Observaciones', 'Escriba las observaciones.', 4000)],
    {
      submit: 'Devolver a redacción',
      intro: 'El convenio vuelve a redacción y se requiere una nueva versión del documento.',
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
      heading('Visación jurídica'),
      ...draftSection(c, v.ctx),
      facts([
        ['DAJ', m ? `visado por ${m.by.name} el ${formatInstant(m.at, tz)} (versión ${m.version})` : 'pendiente'],
        [c.entity.name, x ? `visado por ${x.reviewer}, registrado el ${formatInstant(x.at, tz)}` : 'pendiente'],
      ]),
    ];
  },
  actions: {
    visar: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [textInput({ id: inputId(a.verb, 'note'), label: 'Nota (opcional)', multiline: true, maxLength: TEXT_MAX })],
        { submit: 'Visar', intro: boundIntro(v.item, 'Visa'), extra: bound(v.item) },
      ),
    registrar_visacion_externa: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          textInput({
            id: inputId(a.verb, 'reviewer'),
            label: 'Quién visó por la contraparte',
            required: 'Indique quién visó.',
            value: v.item.entity.legalContact.name,
            maxLength: 200,
          }),
          longText(a.verb, 'evidence', 'Evidencia', 'Indique la evidencia (correo, oficio, enlace).', 1000),
        ],
        {
          submit: 'Registrar visación',
          intro: boundIntro(v.item, `Registra que ${v.item.entity.name} visó`),
          extra: bound(v.item),
        },
      ),
    observar: (a, v) => observar(a.verb, a.label, v),
  },
};
