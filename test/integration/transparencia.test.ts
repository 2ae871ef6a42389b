// The public register (/transparencia, Ley 21.719) on the real service: written in the same transaction as the
// convenio, read without sign-in, cacheable by ETag, rate-limited, refusing a bad month in Spanish; the JSON matches
// its documented schema. Runs on both engines (TEST_DB=pglite | postgres).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { convenioWithDocuments, convenioWithDraft } from '../support/convenio-flow';
import { startTestService, type TestService } from '../support/service';

jest.setTimeout(120_000);

let svc: TestService;
let ref: string;
let id: string;
let draftRef: string;
const settle = async () => void (await svc.runJobs());

/** A request without any identity, as anyone on the internet makes it. */
async function anon(path: string, headers: Record<string, string> = {}) {
  const r = await fetch(`${svc.url}${path}`, { headers });
  return { status: r.status, headers: r.headers, text: await r.text() };
}
const counts = async () =>
  (
    await svc.db.query<{ items: number; versions: number; audit: number; published: number }>(
      `SELECT (SELECT count(*) FROM items)::int AS items, (SELECT sum(version) FROM items)::int AS versions,
              (SELECT count(*) FROM audit_events)::int AS audit, (SELECT count(*) FROM published_convenios)::int AS published`,
    )
  ).rows[0]!;
const row = async (itemId: string) =>
  (
    await svc.db.query<{ month: string; projection: { state: string; stateLabel: string } }>(
      'SELECT month, projection FROM published_convenios WHERE id = $1',
      [itemId],
    )
  ).rows[0];

beforeAll(async () => {
  svc = await startTestService('2026-09-15T13:00:00Z', {
    config: { transparencyRateLimit: { burst: 10, perMinute: 60 } },
  });
  const sensitive = await convenioWithDraft(svc, { settle, sensitive: true, entityName: 'Servicio de Salud Viña' });
  draftRef = sensitive.ref;
  const done = await convenioWithDocuments(svc, { settle, entityName: 'Universidad de Valparaíso' });
  ref = done.ref;
  id = done.item.id;
  expect(done.item.state).toBe('vigente');
});
afterAll(async () => {
  await svc?.close();
});
// Each test starts with a full bucket: a minute of the service's clock refills it.
beforeEach(() => svc.clock.advance(60_000));

describe('the published projection', () => {
  it('is written with the decree in the same transaction, and only for decreed convenios with personal data', async () => {
    expect(await row(id)).toMatchObject({ month: '2026-09', projection: { state: 'vigente', stateLabel: 'Vigente' } });
    const draftId = (await svc.repo.findByReference(draftRef))!.id;
    expect(await row(draftId)).toBeUndefined();
    expect((await counts()).published).toBe(1);
  });

  it('a failure writing the register rolls the whole command back: state, version and audit unchanged', async () => {
    await svc.db.exec(`CREATE FUNCTION fail_published() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'registro público no disponible'; END $$;
      CREATE TRIGGER published_fail BEFORE INSERT OR UPDATE ON published_convenios
        FOR EACH ROW EXECUTE FUNCTION fail_published();`);
    try {
      const before = await counts();
      const r = await svc.as('adele.vance').post(`/api/v1/convenios/${ref}/comandos`, {
        type: 'terminar',
        reason: 'Fin del estudio',
        dataDisposition: 'eliminados',
        evidence: 'Acta de eliminación N° 3',
      });
      expect(r.status).toBe(500);
      expect(await counts()).toEqual(before);
      expect((await svc.repo.get(id))!.state).toBe('vigente');
      expect((await row(id))!.projection.state).toBe('vigente');
    } finally {
      await svc.db.exec('DROP TRIGGER published_fail ON published_convenios; DROP FUNCTION fail_published();');
    }
  });

  it('follows a state change, and the ETag of every format changes with it', async () => {
    const before = {
      html: (await anon('/transparencia')).headers.get('etag'),
      json: (await anon('/transparencia.json?mes=2026-09')).headers.get('etag'),
      csv: (await anon('/transparencia.csv')).headers.get('etag'),
    };
    const r = await svc.as('adele.vance').post(`/api/v1/convenios/${ref}/comandos`, {
      type: 'terminar',
      reason: 'Fin del estudio',
      dataDisposition: 'eliminados',
      evidence: 'Acta de eliminación N° 3',
    });
    expect(r.status).toBe(200);
    expect((await row(id))!.projection).toMatchObject({ state: 'terminado', stateLabel: 'Terminado' });
    const page = await anon('/transparencia');
    expect(page.text).toContain('Terminado');
    expect(page.headers.get('etag')).not.toBe(before.html);
    expect((await anon('/transparencia.json?mes=2026-09')).headers.get('etag')).not.toBe(before.json);
    expect((await anon('/transparencia.csv')).headers.get('etag')).not.toBe(before.csv);
  });

  it('rows missing or stale at start are rebuilt by the backfill, once', async () => {
    await svc.db.query('DELETE FROM published_convenios');
    expect(await svc.repo.backfillPublished(1)).toBe(1);
    expect(await svc.repo.backfillPublished(1)).toBe(0);
    await svc.db.query(
      `UPDATE published_convenios SET projection = jsonb_set(projection, '{state}', '"vigente"') WHERE id = $1`,
      [id],
    );
    expect(await svc.repo.backfillPublished()).toBe(1);
    expect((await row(id))!.projection.state).toBe('terminado');
  });
});

describe('GET /transparencia, .csv and .json without sign-in', () => {
  it('the page: Spanish, cacheable, no script, the public fields only', async () => {
    const r = await anon('/transparencia');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('public, max-age=300');
    expect(r.headers.get('etag')).toMatch(/^"[\w-]{32}"$/);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.text).toContain('<html lang="es-CL">');
    expect(r.text).not.toMatch(/<script/i);
    for (const shown of [
      ref,
      'Universidad de Valparaíso',
      '60.921.000-1',
      'D.A. N° 5.120',
      '15-09-2026',
      'Datos personales',
    ])
      expect(r.text).toContain(shown);
    // Contacts, representative, dataset and field names, the draft still in redacción: never.
    for (const hidden of [
      'Osvaldo Corrales',
      'Paula Rojas',
      'Diego Fuentes',
      'Lee Gu',
      'rector@uv.cl',
      'Encuesta origen-destino',
      'zona_origen',
      'Conteos de flujo',
      draftRef,
      'Servicio de Salud Viña',
      'diagnostico',
    ])
      expect(r.text).not.toContain(hidden);
  });

  it('?mes= lists the month of the decree; another month is an empty list', async () => {
    expect((await anon('/transparencia?mes=2026-09')).text).toContain(ref);
    const other = await anon('/transparencia?mes=2026-10');
    expect(other.status).toBe(200);
    expect(other.text).not.toContain(ref);
    expect(other.text).toContain(
      'No hay convenios con transferencia de datos personales aprobados por decreto en octubre de 2026.',
    );
    expect(JSON.parse((await anon('/transparencia.json?mes=2027-01')).text).convenios).toEqual([]);
  });

  it('JSON matches docs/transparencia.schema.json; CSV is the same list', async () => {
    const schema = JSON.parse(readFileSync(join(process.cwd(), 'docs', 'transparencia.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    for (const q of ['', '?mes=2026-09', '?mes=2026-10']) {
      const r = await anon(`/transparencia.json${q}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      const body = JSON.parse(r.text);
      expect(validate(body) ? [] : validate.errors).toEqual([]);
    }
    const all = JSON.parse((await anon('/transparencia.json')).text);
    expect(all.convenios.map((c: { reference: string }) => c.reference)).toEqual([ref]);
    const csv = await anon('/transparencia.csv?mes=2026-09');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('transparencia-convenios-2026-09.csv');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF?Referencia;Contraparte;RUT de la contraparte;/);
    expect(lines[1]).toContain(`${ref};Universidad de Valparaíso;60.921.000-1;`);
  });

  it.each(['/transparencia', '/transparencia.csv', '/transparencia.json?mes=2026-09'])(
    '%s: 304 on a matching If-None-Match, 200 on another',
    async (path) => {
      const first = await anon(path);
      const etag = first.headers.get('etag')!;
      const again = await anon(path, { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect((await anon(path, { 'if-none-match': `W/${etag}` })).status).toBe(304);
      expect((await anon(path, { 'if-none-match': '"otra"' })).status).toBe(200);
    },
  );

  it.each([
    ['septiembre', 'El mes indicado no es válido: use el formato AAAA-MM'],
    ['2026-13', 'El mes indicado no es válido: use el formato AAAA-MM'],
    ['2026-9', 'El mes indicado no es válido: use el formato AAAA-MM'],
    ['1999-12', 'entre los años 2000 y 2100'],
  ])('mes=%s: 400 in Spanish on every format, nothing cached', async (mes, message) => {
    const html = await anon(`/transparencia?mes=${encodeURIComponent(mes)}`);
    expect(html.status).toBe(400);
    expect(html.headers.get('cache-control')).toBe('no-store');
    expect(html.text).toContain('<p class="error" role="alert" id="mensaje-error">');
    expect(html.text).toContain(message);
    for (const f of ['csv', 'json']) {
      const r = await anon(`/transparencia.${f}?mes=${encodeURIComponent(mes)}`);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text).error).toMatchObject({ code: 'DATOS_INVALIDOS', fields: { mes: 'mes AAAA-MM' } });
      expect(JSON.parse(r.text).error.message).toContain(message);
    }
  });

  it('two months at once is a 400 too', async () => {
    const r = await anon('/transparencia.json?mes=2026-09&mes=2026-10');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.message).toBe('Indique un solo mes, con el formato AAAA-MM (por ejemplo 2026-12).');
  });

  it('rate-limited per address: 429 in Spanish with Retry-After, and allowed again after it', async () => {
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await anon('/transparencia.json')).status);
    expect(answers).toEqual(Array(10).fill(200));
    const json = await anon('/transparencia.json');
    expect(json.status).toBe(429);
    expect(json.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(json.text).error).toEqual({
      code: 'DEMASIADAS_CONSULTAS',
      message: 'Demasiadas consultas desde su conexión. Espere 1 segundo y vuelva a intentarlo.',
      fields: {},
    });
    const html = await anon('/transparencia');
    expect(html.status).toBe(429);
    expect(html.text).toContain('Demasiadas consultas desde su conexión.');
    svc.clock.advance(1000);
    expect((await anon('/transparencia.csv')).status).toBe(200);
    expect((await anon('/transparencia.csv')).status).toBe(429);
  });
});
