// Convenio signature (§6): each signer signs the exact version both legal reviews saw. The button carries that
// version and its SHA-256, so a signature on a card older than the document is refused (DOCUMENTO_DISTINTO).
import { currentDraft, delegationText, type Convenio, type Signer } from '../../../protocol';
import { facts, heading, textInput } from './card-elements';
import { documentLink, draftSection } from './convenio-document';
import { formatInstant, shortHash } from './format';
import { inputId } from './inputs';
import { form, type Step } from './step';

const SIDE = { municipalidad: 'Municipalidad', contraparte: 'Contraparte' } as const;

/** A counterpart signer outside the tenant signs on paper or with their own FEA; SECPLAN records it with evidence. */
const recordedBySecplan = (s: Signer) => !s.personId && s.side === 'contraparte';

export const convenioSignatureStep: Step<Convenio, 'firmar'> = {
  body: (v) => {
    const c = v.item;
    const tz = v.ctx.settings.timeZone;
    return [
      heading('Firmas'),
      ...draftSection(c, v.ctx),
      facts([
        ['Orden', c.signatureOrder === 'secuencial' ? 'en el orden indicado' : 'en cualquier orden'],
        ...c.signers.map((s): [string, string] => {
          const done = c.signatures.find((x) => x.signerId === s.id);
          return [
            `${s.name} (${s.position}, ${SIDE[s.side]})`,
            done
              ? `firmó el ${formatInstant(done.at, tz)} (versión ${done.version})${
                  done.delegation ? `. ${delegationText(done.delegation)}` : ''
                }`
              : 'pendiente',
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
      const what = doc ? `la versión ${doc.version} (huella ${shortHash(doc.sha256)}…)` : 'el borrador vigente';
      const intro =
        signer && recordedBySecplan(signer)
          ? `Registra la firma de ${signer.name} sobre ${what}, con su evidencia.`
          : `Firma con firma electrónica simple ${what}. Lea el documento antes de firmar.`;
      return form(
        c,
        a.verb,
        a.label,
        signer && recordedBySecplan(signer)
          ? [
              textInput({
                id: inputId(a.verb, 'evidence', signer.id),
                label: 'Evidencia de la firma',
                required: 'Indique la evidencia (PDF firmado, oficio, enlace).',
                multiline: true,
                maxLength: 1000,
              }),
            ]
          : [],
        {
          submit: 'Firmar',
          intro,
          ...(url ? { open: { title: 'Abrir documento', url } } : {}),
          extra: {
            ...(doc ? { docVersion: doc.version, sha256: doc.sha256 } : {}),
            ...(a.signerId ? { signerId: a.signerId } : {}),
          },
        },
      );
    },
  },
};
