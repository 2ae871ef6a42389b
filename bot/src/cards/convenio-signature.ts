// Convenio signature (§6): each signer signs the exact version both legal reviews saw. The button carries that
// version and its SHA-256, so a signature on a card older than the document is refused (DOCUMENTO_DISTINTO).
import { currentDraft, delegationText, type Convenio, type Signer } from '../../../protocol';
import { facts, heading, textInput } from './card-elements';
import { documentLink, draftInWords, draftSection } from './convenio-document';
import { formatInstant } from './format';
import { inputId } from './inputs';
import { form, type Step } from './step';
import { CONVENIO, SIGNATURE } from './textos/convenio';

/** A counterpart signer outside the tenant signs on paper or with their own FEA; SECPLAN records it with evidence. */
const recordedBySecplan = (s: Signer) => !s.personId && s.side === 'contraparte';

export const convenioSignatureStep: Step<Convenio, 'firmar'> = {
  body: (v) => {
    const c = v.item;
    const tz = v.ctx.settings.timeZone;
    return [
      heading(SIGNATURE.heading),
      ...draftSection(c, v.ctx),
      facts([
        [SIGNATURE.order, c.signatureOrder === 'secuencial' ? SIGNATURE.sequential : SIGNATURE.anyOrder],
        ...c.signers.map((s): [string, string] => {
          const done = c.signatures.find((x) => x.signerId === s.id);
          return [
            SIGNATURE.signer(s.name, s.position, SIGNATURE.sides[s.side]),
            done
              ? SIGNATURE.signed(
                  formatInstant(done.at, tz),
                  done.version,
                  done.delegation && delegationText(done.delegation),
                )
              : CONVENIO.pending,
          ];
        }),
      ]),
    ];
  },
  actions: {
    firmar: (a, v) => {
      const c = v.item;
      const signer = c.signers.find((s) => s.id === a.signerId);
      const doc = currentDraft(c);
      const url = doc && documentLink(c, doc, v.ctx);
      const what = draftInWords(c);
      const intro =
        signer && recordedBySecplan(signer) ? SIGNATURE.recordIntro(signer.name, what) : SIGNATURE.signIntro(what);
      return form(
        c,
        a.verb,
        a.label,
        signer && recordedBySecplan(signer)
          ? [
              textInput({
                id: inputId(a.verb, 'evidence', signer.id),
                label: SIGNATURE.evidence,
                required: SIGNATURE.evidenceRequired,
                multiline: true,
                maxLength: 1000,
              }),
            ]
          : [],
        {
          submit: SIGNATURE.submit,
          intro,
          ...(url ? { open: { title: SIGNATURE.openDocument, url } } : {}),
          extra: {
            ...(doc ? { docVersion: doc.version, sha256: doc.sha256 } : {}),
            ...(a.signerId ? { signerId: a.signerId } : {}),
          },
        },
      );
    },
  },
};
