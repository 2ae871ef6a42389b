// Convenio drafting (§3b): SECPLAN works on the draft the document worker generated (registrar_borrador is the
// worker's, not a button) and sends it to legal review once it is the version that answers the observations.
import { currentDraft, type Convenio } from '../../../protocol';
import { heading, text } from './card-elements';
import { draftSection } from './convenio-document';
import { direct, type Step } from './step';
import { DRAFTING } from './textos/convenio';

export const convenioDraftingStep: Step<Convenio, 'enviar_a_visacion'> = {
  body: (v) => {
    const c = v.item;
    const draft = currentDraft(c);
    const observed = c.observations.at(-1);
    // After an observation a new version is required; until the worker stores it, sending would be refused.
    const waiting = !!observed && (!draft || draft.version <= observed.version);
    return [
      heading(DRAFTING.heading(c.round)),
      ...draftSection(c, v.ctx),
      waiting ? text(DRAFTING.waitingVersion, { color: 'warning', spacing: 'small' }) : undefined,
    ];
  },
  actions: {
    enviar_a_visacion: (a, v) => direct(v.item, a.verb, a.label),
  },
};
