// The read policy (protocol/read-policy.ts): who is entitled, what a reader who is not sees, and that
// nothing is hidden when the data is not sensitive.
import {
  canRead,
  entitledToSensitive,
  mayOpenDocuments,
  participantKeys,
  searchableText,
  sensitiveScopeOf,
  redactAuditPayload,
  redactFor,
  RESERVED,
  type Convenio,
  type Item,
  type Solicitud,
} from '../../protocol';
import {
  actor,
  CONVENIO_BUILDERS,
  createConvenio,
  createSolicitud,
  DATASET,
  SOLICITUD_BUILDERS,
  step,
} from '../support/protocol-fixtures';

const SENSIBLE = { ...DATASET, classification: { access: 'uso_interno', privacy: 'sensible' } };
const RESERVADA = {
  ...DATASET,
  classification: { access: 'reservada', legalGround: 'art21_n2_derechos_personas', privacy: 'personal' },
};
const ATTACHMENT = { name: 'Oficio 12', url: 'https://quillota.sharepoint.com/oficio-12.pdf' };

/** A sensitive request from DIDECO (ana) to Salud (sofia), with an attachment. */
const sensitiveRequest = (): Solicitud => createSolicitud({ dataset: SENSIBLE, attachments: [ATTACHMENT] });

const SOLICITUD_HIDDEN = ['dataset.description', 'dataset.fields', 'justification', 'attachments'];

describe('redaction of a sensitive internal request', () => {
  it.each([
    ['ana', 'the requester'],
    ['diego', 'the requesting unit (its head)'],
    ['sofia', 'the owner unit (its head)'],
    ['paula', 'an official of the owner unit'],
    ['ursula', 'the UGDT'],
  ])('%s (%s) is entitled and sees everything', (who) => {
    const item = sensitiveRequest();
    expect(entitledToSensitive(actor(who), item)).toBe(true);
    const r = redactFor(actor(who), item);
    expect(r.hidden).toEqual([]);
    expect(r.item).toBe(item);
  });

  it.each([
    ['claudio', 'Control: reads the whole register for oversight only'],
    ['tomas', 'an uninvolved unit'],
    ['sergio', 'SECPLAN: entitled to convenios, not to internal requests'],
  ])('%s (%s) is not entitled: dataset fields, justification and attachments are hidden', (who) => {
    const item = sensitiveRequest();
    expect(entitledToSensitive(actor(who), item)).toBe(false);
    const { item: seen, hidden } = redactFor(actor(who), item);
    expect(hidden).toEqual(SOLICITUD_HIDDEN);
    const s = seen as Solicitud;
    expect(s.dataset.fields).toEqual([RESERVED]);
    expect(s.dataset.description).toBe(RESERVED);
    expect(s.justification).toBe(RESERVED);
    expect(s.attachments).toEqual([]);
    // What the item is about stays readable: its name, purpose, legal basis, state and classification.
    expect(s.dataset.name).toBe(SENSIBLE.name);
    expect(s.purpose).toBe(item.purpose);
    expect(s.legalBasis).toBe(item.legalBasis);
    expect(s.state).toBe(item.state);
    expect(s.classification).toEqual(item.classification);
    // The stored item is not touched.
    expect(item.dataset.fields).toEqual(SENSIBLE.fields);
    expect(item.attachments).toEqual([ATTACHMENT]);
  });

  it('an access classification of reservada is sensitive as well', () => {
    const item = createSolicitud({ dataset: RESERVADA });
    expect(redactFor(actor('claudio'), item).hidden).toEqual(SOLICITUD_HIDDEN);
    expect(redactFor(actor('sofia'), item).hidden).toEqual([]);
  });

  it('once delivered, the link, the file name and the files of the delivery are hidden too', () => {
    const delivered = step(
      step(
        step(sensitiveRequest(), { type: 'acusar_recibo' }, 'sofia'),
        { type: 'indicar_plazo', until: '2026-09-25', note: 'Se extrae del RAYEN' },
        'sofia',
      ),
      { type: 'entregar', link: 'https://quillota.sharepoint.com/datos/atenciones.xlsx', note: 'Planilla adjunta' },
      'sofia',
    );
    expect(delivered.delivery?.link).toBeDefined();
    const { item: seen, hidden } = redactFor(actor('claudio'), delivered);
    expect(hidden).toEqual([...SOLICITUD_HIDDEN, 'delivery.link', 'delivery.fileName', 'delivery.files']);
    const s = seen as Solicitud;
    expect(s.delivery?.link).toBeUndefined();
    expect(s.delivery?.fileName).toBeUndefined();
    expect(s.delivery?.note).toBe(delivered.delivery?.note);
    expect((redactFor(actor('ana'), delivered).item as Solicitud).delivery?.link).toBe(delivered.delivery?.link);
  });

  it.each(Object.entries(SOLICITUD_BUILDERS))(
    'a request that is not sensitive hides nothing from anyone (%s)',
    (_state, build) => {
      const item = build();
      for (const who of ['claudio', 'tomas', 'sergio', 'ana', 'ursula']) {
        const r = redactFor(actor(who), item);
        expect(r.hidden).toEqual([]);
        expect(r.item).toBe(item);
      }
    },
  );
});

describe('redaction of a sensitive convenio', () => {
  const NNA = {
    ...DATASET,
    name: 'Matrícula escolar por sector',
    classification: { access: 'uso_interno', privacy: 'nna' },
  };
  const sensitiveConvenio = (): Convenio => CONVENIO_BUILDERS.vigente({ datasets: [NNA] });

  it.each([
    ['ana', 'the proposer'],
    ['diego', 'the municipal technical contact'],
    ['sergio', 'SECPLAN'],
    ['adriana', 'the Administradora Municipal'],
    ['daniela', 'the DAJ'],
    ['javier', 'the DAJ subrogante, through his delegated grant'],
    ['alberto', 'the Alcalde'],
    ['marta', 'the Secretaría Municipal'],
    ['ursula', 'the UGDT'],
  ])('%s (%s) is entitled', (who) => {
    const item = sensitiveConvenio();
    expect(entitledToSensitive(actor(who), item)).toBe(true);
    expect(redactFor(actor(who), item)).toEqual({ item, hidden: [] });
  });

  it.each([
    ['claudio', 'Control'],
    ['julia', 'a DAJ official without the role'],
    ['tomas', 'an uninvolved unit'],
  ])('%s (%s) sees no dataset fields, document links or transferred datasets', (who) => {
    const built = sensitiveConvenio();
    // The fixtures register drafts without a link; give them one, as SharePoint uploads do.
    const base = {
      ...built,
      documents: built.documents.map((d) => ({ ...d, url: `https://quillota.sharepoint.com/${d.fileName}` })),
    };
    const item = step(
      base,
      {
        type: 'registrar_transferencia',
        date: '2026-09-15',
        datasets: ['Matrícula escolar por sector'],
        method: 'SharePoint',
        municipalResponsible: 'Diego Soto',
        externalResponsible: 'Rodrigo Paredes',
      },
      'sergio',
    );
    expect(entitledToSensitive(actor(who), item)).toBe(false);
    const { item: seen, hidden } = redactFor(actor(who), item);
    expect(hidden).toEqual(['datasets.description', 'datasets.fields', 'documents.url', 'transfers.datasets']);
    const c = seen as Convenio;
    expect(c.datasets.map((d) => d.fields)).toEqual([[RESERVED]]);
    expect(c.datasets[0]!.name).toBe(NNA.name);
    expect(item.documents.length).toBeGreaterThan(0);
    expect(item.documents.every((d) => d.url?.startsWith('https://'))).toBe(true);
    expect(c.documents.length).toBe(item.documents.length);
    expect(c.documents.every((d) => d.url === undefined)).toBe(true);
    expect(c.transfers.map((t) => t.datasets)).toEqual([[RESERVED]]);
    expect(c.entity).toEqual(item.entity);
    expect(item.datasets[0]!.fields).toEqual(NNA.fields);
  });

  it('a convenio on non-sensitive data hides nothing, not even from Control', () => {
    const item: Item = createConvenio();
    expect(redactFor(actor('claudio'), item)).toEqual({ item, hidden: [] });
    expect(redactFor(actor('tomas'), item)).toEqual({ item, hidden: [] });
  });
});

describe('audit payloads of document commands', () => {
  it('drop the address of a stored document (in local mode it carries the file’s link) and keep its hash', () => {
    const payload = {
      document: 'borrador',
      version: 2,
      fileName: 'CONV-2026-0001 Borrador de convenio.docx',
      sha256: 'a'.repeat(64),
      url: 'http://localhost:3978/documentos/x.docx?version=2&enlace=token',
      storageVersionId: '2',
    };
    const shown = redactAuditPayload('convenio', 'registrar_documento', payload);
    expect(shown).not.toHaveProperty('url');
    expect(shown).toMatchObject({ version: 2, sha256: 'a'.repeat(64), storageVersionId: '2' });
    expect(redactAuditPayload('convenio', 'subir_firmado_fea', { url: 'u', sha256: 'b' })).toEqual({ sha256: 'b' });
  });
});

describe('the rest of the read policy: shared cards, documents, search', () => {
  it('a card for an audience nobody vouches for (a channel) hides what a reader not entitled does not see', () => {
    const item = sensitiveRequest();
    expect(redactFor(null, item).hidden).toEqual(SOLICITUD_HIDDEN);
    const plain = createSolicitud();
    expect(redactFor(null, plain)).toEqual({ item: plain, hidden: [] });
  });

  it('documents of a sensitive convenio open only for those entitled; of any other, for every reader', () => {
    const NNA = { ...DATASET, classification: { access: 'uso_interno', privacy: 'nna' } };
    const sensitive = CONVENIO_BUILDERS.vigente({ datasets: [NNA] });
    const plain = CONVENIO_BUILDERS.vigente();
    for (const who of ['sergio', 'ursula', 'ana', 'alberto'])
      expect(mayOpenDocuments(actor(who), sensitive)).toBe(true);
    expect(mayOpenDocuments(actor('claudio'), sensitive)).toBe(false);
    expect(mayOpenDocuments(actor('claudio'), plain)).toBe(true);
    // Not a reader of the convenio at all: no file, sensitive or not.
    expect(mayOpenDocuments(actor('tomas'), plain)).toBe(canRead(actor('tomas'), plain));
  });

  it('the SQL scope of the entitlement matches entitledToSensitive item by item', () => {
    const items: Item[] = [
      sensitiveRequest(),
      CONVENIO_BUILDERS.vigente({
        datasets: [{ ...DATASET, classification: { access: 'uso_interno', privacy: 'nna' } }],
      }),
    ];
    for (const who of ['ana', 'diego', 'sofia', 'paula', 'ursula', 'claudio', 'tomas', 'sergio', 'julia', 'alberto'])
      for (const item of items) {
        const scope = sensitiveScopeOf(actor(who), item.kind);
        const byScope = scope === 'all' || scope.some((k) => participantKeys(item).includes(k));
        expect([who, item.kind, byScope]).toEqual([who, item.kind, entitledToSensitive(actor(who), item)]);
      }
  });

  it('search text: every hidden text is in the reserved part, never in the open one', () => {
    const s = sensitiveRequest();
    const t = searchableText(s);
    for (const f of s.dataset.fields) {
      expect(t.reserved).toContain(f);
      expect(t.open).not.toContain(f);
    }
    expect(t.reserved).toContain(s.justification);
    expect(t.open).toContain(s.dataset.name);
    const c = CONVENIO_BUILDERS.vigente();
    const ct = searchableText(c);
    expect(ct.open).toContain(c.entity.name);
    expect(ct.reserved).toEqual(expect.arrayContaining(c.datasets.flatMap((d) => d.fields)));
  });
});
