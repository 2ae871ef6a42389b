// A convenio's whole life through the API, with the documents the outbox worker makes: shared by the local-mode,
// Graph and chaos tests, which differ only in where documents and mail go.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { currentDraft, type Convenio } from '../../protocol';
import { convenioBody, withSensitiveBasis } from './fixtures';
import type { TestService } from './service';

/** A small real PDF standing for the act signed with FEA (FirmaGob) outside the app. */
export async function feaPdf(text = 'Convenio firmado con FEA'): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage();
  page.drawText(text, { x: 72, y: 720, font: await pdf.embedFont(StandardFonts.Helvetica), size: 14 });
  return pdf.save({ useObjectStreams: false });
}

export interface FlowOptions {
  /** Runs the outbox (and timers) until the documents are in; the chaos test retries through faults. */
  settle: () => Promise<void>;
  entityName?: string;
  /** Any other fields of the body (datasets, contacts…), over the ones above. */
  body?: Record<string, unknown>;
}

export async function convenioWithDocuments(
  svc: TestService,
  o: FlowOptions,
): Promise<{ ref: string; item: Convenio }> {
  const adele = svc.as('adele.vance'); // SECPLAN
  const patti = svc.as('patti.fernandez'); // Administradora Municipal
  const isaiah = svc.as('isaiah.langer'); // DAJ
  const nestor = svc.as('nestor.wilke'); // Alcalde
  const joni = svc.as('joni.sherman'); // Secretaría Municipal
  const raw = convenioBody({
    entity: {
      name: o.entityName ?? 'Universidad de Valparaíso',
      rut: '60.921.000-1',
      representative: { name: 'Osvaldo Corrales', position: 'Rector', email: 'rector@uv.cl' },
      legalContact: { name: 'Paula Rojas', email: 'juridica@uv.cl' },
      technicalContact: { name: 'Diego Fuentes', email: 'dfuentes@uv.cl' },
    },
    ...o.body,
  });
  // Rule 1: the counterpart signs through the representative recorded for the entity; rule 6: sensitive data carry
  // their own basis.
  const representative = (raw.entity as { representative: { name: string } }).representative.name;
  const body = withSensitiveBasis({
    ...raw,
    signers: (raw.signers as { side: string }[]).map((s) =>
      s.side === 'contraparte' ? { ...s, name: representative } : s,
    ),
  });
  const created = await svc.as('lee.gu').post('/api/v1/convenios', body);
  if (created.status !== 201) throw new Error(`crear convenio: ${created.status} ${created.text}`);
  const ref: string = created.body.item.reference;
  const get = async () => (await adele.get(`/api/v1/convenios/${ref}`)).body.item as Convenio;
  const cmd = async (who: typeof adele, command: Record<string, unknown>) => {
    const r = await who.post(`/api/v1/convenios/${ref}/comandos`, command);
    if (r.status !== 200) throw new Error(`${String(command.type)}: ${r.status} ${r.text}`);
    return r.body.item as Convenio;
  };
  const draft = async (version: number) => {
    await o.settle();
    const d = currentDraft(await get());
    if (d?.version !== version || !d.storageVersionId)
      throw new Error(`falta el borrador v${version} guardado: ${JSON.stringify(d)}`);
    return { version: d.version, sha256: d.sha256 };
  };
  const ok = { ok: true, note: 'Cumple' };
  await cmd(adele, {
    type: 'registrar_evaluacion',
    checklist: { necesidad: ok, beneficioMutuo: ok, cumplimientoNormativo: ok, privacidadSeguridad: ok },
  });
  await cmd(patti, { type: 'aprobar_evaluacion', note: 'Aprobado en sesión del Comité de Datos' });
  await draft(1);
  await cmd(adele, { type: 'enviar_a_visacion' });
  await cmd(isaiah, { type: 'observar', side: 'municipal', comments: 'Falta precisar el plazo de aviso de brechas' });
  const v2 = await draft(2);
  await cmd(adele, { type: 'enviar_a_visacion' });
  await cmd(isaiah, { type: 'visar', ...v2 });
  await cmd(adele, {
    type: 'registrar_visacion_externa',
    ...v2,
    reviewer: 'Paula Rojas (UV)',
    evidence: 'Correo del 20-09-2026',
  });
  await cmd(nestor, { type: 'firmar', signerId: 'f1', ...v2 });
  await cmd(adele, { type: 'firmar', signerId: 'f2', ...v2, evidence: 'Firma FEA del rector recibida' });
  const pdf = await feaPdf(`Convenio ${ref} firmado con FEA`);
  const up = await adele.raw(
    `/api/v1/convenios/${ref}/documentos?tipo=firmado_fea&nombre=${encodeURIComponent('Convenio UV firmado FEA.pdf')}`,
    { method: 'POST', body: Buffer.from(pdf), headers: { 'content-type': 'application/pdf' } },
  );
  if (up.status !== 201) throw new Error(`subir FEA: ${up.status} ${up.text}`);
  const signed = await get();
  // Rule 6: sensitive, children's or large-scale data wait for the impact assessment before the decree.
  if (signed.impactAssessmentRequired && !signed.eipd)
    await cmd(adele, {
      type: 'registrar_eipd',
      date: signed.createdAt.slice(0, 10),
      author: 'Adele Vance (SECPLAN)',
      documentName: 'EIPD del convenio.pdf',
    });
  await cmd(joni, { type: 'registrar_decreto', number: '5.120', date: '2026-09-15' });
  await o.settle();
  return { ref, item: await get() };
}

export interface DraftOptions {
  /** Runs the outbox until the draft is stored. */
  settle: () => Promise<void>;
  entityName?: string;
  /** A person of the directory named as the municipal technical contact: a party, who reads the convenio. */
  contactPersonId?: string;
  /** A sensitive convenio: one dataset with sensitive personal data (read policy: reserved fields and files). */
  sensitive?: boolean;
  /** Any other fields of the body (title, datasets…), over the ones above. */
  body?: Record<string, unknown>;
}

/**
 * A convenio up to its first stored draft (redacción, borrador v1 in the documents store): enough for the tests of
 * who opens which file, without the whole life of convenioWithDocuments.
 */
export async function convenioWithDraft(svc: TestService, o: DraftOptions): Promise<{ ref: string; item: Convenio }> {
  const base = convenioBody();
  const body = convenioBody({
    entity: { ...base.entity, name: o.entityName ?? base.entity.name },
    ...(o.contactPersonId
      ? {
          municipalTechnicalContact: {
            name: o.contactPersonId,
            email: `${o.contactPersonId}@quillota.cl`,
            personId: o.contactPersonId,
          },
        }
      : {}),
    ...(o.sensitive
      ? {
          datasets: [
            {
              name: 'Atenciones de salud mental por sector',
              fields: ['sector', 'diagnostico', 'edad'],
              description: 'Diagnósticos por paciente, seudonimizados',
              format: 'csv',
              classification: { access: 'uso_interno', privacy: 'sensible' },
            },
          ],
        }
      : {}),
    ...o.body,
  });
  const created = await svc.as('lee.gu').post('/api/v1/convenios', body);
  if (created.status !== 201) throw new Error(`crear convenio: ${created.status} ${created.text}`);
  const ref: string = created.body.item.reference;
  const cmd = async (persona: string, command: Record<string, unknown>) => {
    const r = await svc.as(persona).post(`/api/v1/convenios/${ref}/comandos`, command);
    if (r.status !== 200) throw new Error(`${String(command.type)}: ${r.status} ${r.text}`);
  };
  const ok = { ok: true, note: 'Cumple' };
  await cmd('adele.vance', {
    type: 'registrar_evaluacion',
    checklist: { necesidad: ok, beneficioMutuo: ok, cumplimientoNormativo: ok, privacidadSeguridad: ok },
  });
  await cmd('patti.fernandez', { type: 'aprobar_evaluacion', note: 'Aprobado en sesión del Comité de Datos' });
  await o.settle();
  const item = (await svc.as('adele.vance').get(`/api/v1/convenios/${ref}`)).body.item as Convenio;
  const draft = currentDraft(item);
  if (!draft?.storageVersionId) throw new Error(`falta el borrador guardado de ${ref}: ${JSON.stringify(draft)}`);
  return { ref, item };
}
