// Rule 1 (issue 12) through the API on both engines: only the Alcalde or an official with a delegation of signature
// by decree signs for the municipality (Ley 18.695 art. 63 letras a y j), checked at creation and at the moment of
// signing; the counterpart signs through its recorded representative. Rule 10: the protocol's own decree (§6).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentDraft, type Convenio } from '../../protocol';
import { convenioBody } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';

const REFUSAL =
  'Solo el Alcalde o un funcionario con delegación de firma por decreto puede firmar por la Municipalidad.';
const folder = mkdtempSync(join(tmpdir(), 'firmantes-'));
const directoryFile = join(folder, 'directory.json');
const base = JSON.parse(readFileSync(join(__dirname, '../../config/directory.local.json'), 'utf8')) as {
  signingDelegations?: unknown[];
};
// The Director de Obras holds a delegation of signature for every convenio during 2026 only.
writeFileSync(
  directoryFile,
  JSON.stringify({
    ...base,
    signingDelegations: [
      ...(base.signingDelegations ?? []),
      {
        id: 'firma-dom-2026',
        delegateId: 'grady.archie',
        decree: { number: '2.001/2026', date: '2026-02-27' },
        scope: 'todos',
        from: '2026-03-01',
        to: '2026-12-31',
      },
    ],
  }),
);

let svc: TestService;
beforeAll(async () => {
  // Tuesday 15 September 2026, 10:00 in Santiago.
  svc = await startTestService('2026-09-15T13:00:00Z', {
    config: (c) => ({
      directoryFile,
      settings: { ...c.settings, protocolDecree: { number: '812/2026', date: '2026-01-20' } },
    }),
  });
});
afterAll(async () => {
  await svc.close();
  rmSync(folder, { recursive: true, force: true });
});

const CONTRAPARTE = { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Rector' };
const signersWith = (personId: string, name: string) => [
  { side: 'municipalidad', name, position: 'Firma por la Municipalidad', personId },
  CONTRAPARTE,
];
const countConvenios = async () =>
  (await svc.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM items WHERE kind = 'convenio'`)).rows[0]!.n;

/** Creates a convenio naming `personId` as municipal signer and takes it to firma. */
async function toFirma(
  personId: string,
  name: string,
): Promise<{ ref: string; draft: { version: number; sha256: string } }> {
  const created = await svc
    .as('lee.gu')
    .post('/api/v1/convenios', convenioBody({ signers: signersWith(personId, name) }));
  expect(created.status).toBe(201);
  const ref: string = created.body.item.reference;
  const cmd = async (persona: string, command: Record<string, unknown>) => {
    const r = await svc.as(persona).post(`/api/v1/convenios/${ref}/comandos`, command);
    if (r.status !== 200) throw new Error(`${String(command.type)}: ${r.status} ${r.text}`);
    return r.body.item as Convenio;
  };
  const ok = { ok: true, note: 'Cumple' };
  await cmd('adele.vance', {
    type: 'registrar_evaluacion',
    checklist: { necesidad: ok, beneficioMutuo: ok, cumplimientoNormativo: ok, privacidadSeguridad: ok },
  });
  await cmd('patti.fernandez', { type: 'aprobar_evaluacion', note: 'Aprobado en sesión del Comité de Datos' });
  await svc.runJobs();
  const item = (await svc.as('adele.vance').get(`/api/v1/convenios/${ref}`)).body.item as Convenio;
  const d = currentDraft(item)!;
  const draft = { version: d.version, sha256: d.sha256 };
  await cmd('adele.vance', { type: 'enviar_a_visacion' });
  await cmd('isaiah.langer', { type: 'visar', ...draft });
  const inFirma = await cmd('adele.vance', {
    type: 'registrar_visacion_externa',
    ...draft,
    reviewer: 'Paula Rojas (UV)',
    evidence: 'Correo del 20-09-2026',
  });
  expect(inFirma.state).toBe('firma');
  return { ref, draft };
}

describe('who signs a convenio, over the API', () => {
  it('an ordinary official naming herself municipal signer is refused with 400 and nothing is created', async () => {
    const before = await countConvenios();
    const r = await svc
      .as('miriam.graham')
      .post('/api/v1/convenios', convenioBody({ signers: signersWith('miriam.graham', 'Miriam Graham') }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('DATOS_INVALIDOS');
    expect(r.body.error.message).toBe(REFUSAL);
    expect(r.body.error.fields).toEqual({ 'signers.0': REFUSAL });
    expect(await countConvenios()).toBe(before);
  });

  it('a counterpart signer other than the recorded representative is refused', async () => {
    const before = await countConvenios();
    const r = await svc.as('lee.gu').post(
      '/api/v1/convenios',
      convenioBody({
        signers: [
          { side: 'municipalidad', name: 'Nestor Wilke', position: 'Alcalde', personId: 'nestor.wilke' },
          { side: 'contraparte', name: 'Paula Rojas', position: 'Abogada' },
        ],
      }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error.fields['signers.1']).toMatch(/representante registrado \(Osvaldo Corrales\)/);
    expect(await countConvenios()).toBe(before);
  });

  it('offers as municipal signers only the Alcalde and the delegates by decree', async () => {
    const r = await svc.as('lee.gu').get('/api/v1/personas');
    const signers = (r.body.personas as { id: string; signsForMunicipality?: string }[])
      .filter((p) => p.signsForMunicipality)
      .map((p) => [p.id, p.signsForMunicipality]);
    expect(signers).toEqual([
      ['patti.fernandez', 'Firma por delegación, Decreto Alcaldicio N° 1.250/2026 de 02-03-2026'],
      ['nestor.wilke', 'Alcalde(sa)'],
      ['grady.archie', 'Firma por delegación, Decreto Alcaldicio N° 2.001/2026 de 27-02-2026'],
    ]);
  });

  it('SECPLAN cannot change the municipal signer to an ordinary official; nothing changes', async () => {
    const { ref } = await toFirma('nestor.wilke', 'Nestor Wilke');
    const before = (await svc.as('adele.vance').get(`/api/v1/convenios/${ref}`)).body.item as Convenio;
    const r = await svc.as('adele.vance').post(`/api/v1/convenios/${ref}/comandos`, {
      type: 'cambiar_firmantes',
      signers: signersWith('miriam.graham', 'Miriam Graham'),
      reason: 'Firma quien propuso',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe(REFUSAL);
    const after = (await svc.as('adele.vance').get(`/api/v1/convenios/${ref}`)).body.item as Convenio;
    expect(after.version).toBe(before.version);
    expect(after.signers).toEqual(before.signers);
    // A delegate by decree may be named: back to redacción for a draft naming the new signer.
    const changed = await svc.as('adele.vance').post(`/api/v1/convenios/${ref}/comandos`, {
      type: 'cambiar_firmantes',
      signers: signersWith('grady.archie', 'Grady Archie'),
      reason: 'El Alcalde delegó la firma',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.item.state).toBe('redaccion');
    expect(changed.body.item.signers[0].personId).toBe('grady.archie');
  });

  it('checks the delegation at the moment of signing: in force it signs and records the decree; expired it refuses', async () => {
    const expired = await toFirma('grady.archie', 'Grady Archie');
    const inForce = await toFirma('grady.archie', 'Grady Archie');
    const mayor = await toFirma('nestor.wilke', 'Nestor Wilke');

    // Wednesday 30 December 2026: the delegation (until 31-12-2026) is in force.
    svc.clock.set('2026-12-30T13:00:00Z');
    const signed = await svc
      .as('grady.archie')
      .post(`/api/v1/convenios/${inForce.ref}/comandos`, { type: 'firmar', signerId: 'f1', ...inForce.draft });
    expect(signed.status).toBe(200);
    expect(signed.body.item.signatures[0].delegation).toEqual({
      id: 'firma-dom-2026',
      decree: { number: '2.001/2026', date: '2026-02-27' },
    });
    const byMayor = await svc
      .as('nestor.wilke')
      .post(`/api/v1/convenios/${mayor.ref}/comandos`, { type: 'firmar', signerId: 'f1', ...mayor.draft });
    expect(byMayor.status).toBe(200);
    expect(byMayor.body.item.signatures[0].delegation).toBeUndefined();

    // Monday 4 January 2027: the delegation ended on 31-12-2026.
    svc.clock.set('2027-01-04T13:00:00Z');
    const before = (await svc.as('grady.archie').get(`/api/v1/convenios/${expired.ref}`)).body;
    expect(before.allowedActions.map((a: { verb: string }) => a.verb)).not.toContain('firmar');
    const refused = await svc
      .as('grady.archie')
      .post(`/api/v1/convenios/${expired.ref}/comandos`, { type: 'firmar', signerId: 'f1', ...expired.draft });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('La delegación de firma (Decreto N° 2.001/2026) venció el 31-12-2026.');
    const after = (await svc.as('adele.vance').get(`/api/v1/convenios/${expired.ref}`)).body.item as Convenio;
    expect(after.version).toBe(before.item.version);
    expect(after.state).toBe('firma');
    expect(after.signatures).toEqual([]);
    const events = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE item_id = $1 AND command = 'firmar'`,
      [after.id],
    );
    expect(events.rows[0]!.n).toBe(0);
  });
});
