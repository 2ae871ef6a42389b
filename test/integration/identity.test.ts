import { startTestService, type TestService } from '../support/service';
import { solicitudBody } from '../support/fixtures';

/** Development identities exist only in local mode: with a tenant configured they are refused outright. */
describe('identity', () => {
  let local: TestService;
  let tenant: TestService;
  beforeAll(async () => {
    local = await startTestService();
    tenant = await startTestService('2026-09-15T13:00:00Z', {
      config: { tenantId: '6f1c2a52-1d8e-4c39-9a51-0d3f4b8a9e21', localMode: false },
    });
  });
  afterAll(async () => {
    await local.close();
    await tenant.close();
  });

  it('local mode: a persona is accepted by id, e-mail or Entra object id, with its roles and delegations', async () => {
    for (const key of ['megan.bowen', 'MEGAN.BOWEN@quillota.cl', '00000000-0000-0000-0000-0000000000021']) {
      const r = await local.as(key).get('/api/v1/yo');
      expect(r.status).toBe(200);
      expect(r.body.actor.personId).toBe('megan.bowen');
      expect(r.body.actor.grants.map((g: { role: string }) => g.role)).toEqual(['funcionario', 'ugdt']);
    }
  });

  it('local mode: no persona or an unknown one → 401 in Spanish', async () => {
    const none = await local.as(undefined as unknown as string).get('/api/v1/yo');
    expect(none.status).toBe(401);
    expect(none.body.error).toEqual({
      code: 'NO_AUTENTICADO',
      message: 'Falta la identidad: envíe el encabezado x-persona con una persona del directorio.',
      fields: {},
    });
    const unknown = await local.as('nadie').get('/api/v1/yo');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe('La persona «nadie» no está en el directorio.');
  });

  it.each([
    ['GET', '/api/v1/yo'],
    ['GET', '/api/v1/solicitudes'],
    ['POST', '/api/v1/solicitudes'],
    ['GET', '/api/v1/exportaciones/convenios.csv?mes=2026-09'],
  ])('tenant configured: %s %s with a persona header → 401, nothing written', async (method, path) => {
    const client = tenant.as('megan.bowen');
    const r = method === 'GET' ? await client.get(path) : await client.post(path, solicitudBody());
    expect(r.status).toBe(401);
    expect(r.body.error).toEqual({
      code: 'NO_AUTENTICADO',
      message: 'La identidad de desarrollo no se acepta con un inquilino configurado.',
      fields: {},
    });
    const n = await tenant.db.query<{ n: number }>('SELECT count(*)::int AS n FROM items');
    expect(n.rows[0]!.n).toBe(0);
  });

  it('tenant configured: without any identity → 401 asking to sign in', async () => {
    const r = await tenant.as(undefined as unknown as string).get('/api/v1/yo');
    expect(r.status).toBe(401);
    expect(r.body.error.message).toBe('Inicie sesión con su cuenta municipal.');
  });
});
