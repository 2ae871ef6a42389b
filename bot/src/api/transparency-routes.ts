// The public register without sign-in: /transparencia (HTML), /transparencia.csv and /transparencia.json. They read
// the table published_convenios and nothing else (the projection protocol/transparency.ts makes in the same
// transaction as each convenio), so no other field of a convenio can reach them.
import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { formatDate, MAX_YEAR, MIN_YEAR, MONTH_NAMES, monthField, type PublishedConvenio } from '../../../protocol';
import type { Sql } from '../store/db';
import { escapeHtml } from '../web/html';
import { toCsv } from './csv';
import { DEFAULT_PUBLIC_RATE_LIMIT, TokenBuckets, type RateLimit } from './rate-limit';

export interface TransparencyDeps {
  db: Sql;
  now: () => Date;
  rateLimit?: RateLimit;
}

const INSTITUTION = 'Municipalidad de Quillota';
/** Public and the same for everyone: browsers and proxies may keep it five minutes, then revalidate by ETag. */
const CACHE_CONTROL = 'public, max-age=300';

/** '2026-12' → 'diciembre de 2026'. */
export const monthLabel = (m: string) => `${MONTH_NAMES[Number(m.slice(5, 7)) - 1]} de ${m.slice(0, 4)}`;

class PublicError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export const PUBLIC_MONTH = monthField('el mes');

/** The `mes` parameter: absent or empty means every published convenio; anything else must be a month AAAA-MM. */
function monthOf(req: Request): string | undefined {
  const raw = (req.query as Record<string, unknown>).mes;
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string')
    throw new PublicError(400, 'Indique un solo mes, con el formato AAAA-MM (por ejemplo 2026-12).');
  const parsed = PUBLIC_MONTH.safeParse(raw);
  if (!parsed.success)
    throw new PublicError(
      400,
      `El mes indicado no es válido: use el formato AAAA-MM (por ejemplo 2026-12), entre los años ${MIN_YEAR} y ${MAX_YEAR}.`,
    );
  return parsed.data;
}

async function publishedRows(db: Sql, month: string | undefined): Promise<PublishedConvenio[]> {
  const { rows } = await db.query<{ projection: PublishedConvenio }>(
    `SELECT projection FROM published_convenios ${month ? 'WHERE month = $1' : ''}
      ORDER BY projection->'decree'->>'date' DESC, reference DESC`,
    month ? [month] : [],
  );
  return rows.map((r) => r.projection);
}

async function monthsWithRows(db: Sql): Promise<{ month: string; count: number }[]> {
  const { rows } = await db.query<{ month: string; count: number }>(
    'SELECT month, count(*)::int AS count FROM published_convenios GROUP BY month ORDER BY month DESC',
  );
  return rows;
}

/** Sends a public, cacheable answer: a strong ETag of the body, 304 when the client already has it. */
function sendCached(req: Request, res: Response, type: string, body: string) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  res.set({ 'Cache-Control': CACHE_CONTROL, ETag: etag, Vary: 'Accept-Encoding' });
  const inm = req.get('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
    res.status(304).end();
    return;
  }
  res.type(type).send(body);
}

const CSV_HEADER = [
  'Referencia',
  'Contraparte',
  'RUT de la contraparte',
  'Objeto',
  'Finalidad',
  'Categorías de datos personales',
  'Base legal',
  'Decreto aprobatorio',
  'Fecha del decreto',
  'Vigencia desde',
  'Vigencia hasta',
  'Estado',
  'Mes de publicación',
];

export function transparencyCsv(rows: PublishedConvenio[]): string {
  return toCsv(
    CSV_HEADER,
    rows.map((p) => [
      p.reference,
      p.counterpart.name,
      p.counterpart.rut,
      p.title,
      p.purpose,
      p.dataCategories.join(', '),
      p.legalBasis,
      `D.A. N° ${p.decree.number}`,
      formatDate(p.decree.date),
      p.validity ? formatDate(p.validity.start) : '',
      p.validity ? formatDate(p.validity.end) : '',
      p.stateLabel,
      p.month,
    ]),
  );
}

export function transparencyJson(rows: PublishedConvenio[], month: string | undefined): string {
  return `${JSON.stringify({ institucion: INSTITUTION, mes: month ?? null, convenios: rows }, null, 2)}\n`;
}

const STYLE = `
:root{color-scheme:light;--tinta:#1b1b1b;--suave:#4a4a4a;--linea:#c8c8c8;--fondo:#f5f5f5;--acento:#0b5394}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--tinta);background:#fff}
.saltar{position:absolute;left:-9999px;top:0;background:#fff;color:var(--acento);padding:.5rem 1rem;border:2px solid var(--acento)}
.saltar:focus{left:1rem;top:1rem;z-index:1}
header,main,footer{max-width:80rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem;border-bottom:1px solid var(--linea)}
.institucion{margin:0;color:var(--suave);font-weight:600}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 1rem}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem}
a{color:var(--acento)}
a:focus,button:focus,input:focus{outline:3px solid #e8a317;outline-offset:2px}
form{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.75rem;background:var(--fondo);padding:1rem;border-radius:4px;margin:1rem 0}
form div{display:flex;flex-direction:column}
label{font-weight:600}
input{font:inherit;padding:.4rem .5rem;border:1px solid #767676;border-radius:3px;min-height:2.5rem}
button{font:inherit;padding:.45rem 1rem;min-height:2.5rem;border:1px solid var(--acento);background:var(--acento);color:#fff;border-radius:3px;cursor:pointer}
.ayuda{margin:.25rem 0 0;color:var(--suave);font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{text-align:left;vertical-align:top;padding:.5rem;border-bottom:1px solid var(--linea)}
thead th{background:var(--fondo);border-bottom:2px solid var(--suave)}
tbody th{font-weight:600;white-space:nowrap}
.rut,.fecha{white-space:nowrap}
.sub{display:block;color:var(--suave)}
.descargas{margin:.5rem 0}
.error{border-left:4px solid #b00020;background:#fdecee;padding:.75rem 1rem}
footer{border-top:1px solid var(--linea);margin-top:2rem;padding-bottom:2rem;color:var(--suave);font-size:.9rem}
@media (max-width:50rem){
 thead{position:absolute;left:-9999px}
 table,caption,tbody,tr,th,td{display:block;width:100%}
 tr{border:1px solid var(--linea);border-radius:4px;margin:0 0 1rem;padding:.25rem .75rem}
 tbody th,td{border:0;padding:.35rem 0;white-space:normal}
 tbody th{font-size:1.1rem}
 td::before{content:attr(data-etiqueta);display:block;font-weight:600;color:var(--suave);font-size:.85rem}
}`;

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="es-CL">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="saltar" href="#contenido">Saltar al contenido</a>
<header>
<p class="institucion">${INSTITUTION}</p>
<h1>Registro público de convenios con transferencia de datos personales</h1>
</header>
<main id="contenido" tabindex="-1">
${main}
</main>
<footer>
<p>Publicación mensual de los convenios aprobados por decreto en que la municipalidad comunica datos personales a otra institución (Ley N° 19.628, modificada por la Ley N° 21.719). Solo se publican la contraparte, el objeto, las categorías de datos, la base legal, el decreto aprobatorio, la vigencia y el estado; nunca los datos ni el detalle de los conjuntos reservados.</p>
</footer>
</body>
</html>
`;
}

const cell = (label: string, html: string, cls = '') =>
  `<td data-etiqueta="${escapeHtml(label)}"${cls ? ` class="${cls}"` : ''}>${html}</td>`;

function tableOf(rows: PublishedConvenio[], caption: string): string {
  const e = escapeHtml;
  const body = rows
    .map(
      (p) => `<tr>
<th scope="row">${e(p.reference)}</th>
${cell('Contraparte', `${e(p.counterpart.name)}<span class="sub rut">RUT ${e(p.counterpart.rut)}</span>`)}
${cell('Objeto y finalidad', `${e(p.title)}<span class="sub">${e(p.purpose)}</span>`)}
${cell('Categorías de datos', e(p.dataCategories.join(', ')))}
${cell('Base legal', e(p.legalBasis))}
${cell('Decreto aprobatorio', `D.A. N° ${e(p.decree.number)}<span class="sub fecha">${formatDate(p.decree.date)}</span>`)}
${cell('Vigencia', p.validity ? `<span class="fecha">${formatDate(p.validity.start)}</span> al <span class="fecha">${formatDate(p.validity.end)}</span>` : 'Sin fecha registrada')}
${cell('Estado', e(p.stateLabel))}
</tr>`,
    )
    .join('\n');
  return `<table>
<caption>${e(caption)}</caption>
<thead><tr><th scope="col">Referencia</th><th scope="col">Contraparte</th><th scope="col">Objeto y finalidad</th><th scope="col">Categorías de datos</th><th scope="col">Base legal</th><th scope="col">Decreto aprobatorio</th><th scope="col">Vigencia</th><th scope="col">Estado</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

export function transparencyHtml(
  rows: PublishedConvenio[],
  month: string | undefined,
  months: { month: string; count: number }[],
): string {
  const e = escapeHtml;
  const heading = month ? `Convenios aprobados en ${monthLabel(month)}` : 'Todos los convenios publicados';
  const q = month ? `?mes=${month}` : '';
  const n = rows.length;
  const caption = month
    ? `${n} ${n === 1 ? 'convenio aprobado' : 'convenios aprobados'} por decreto en ${monthLabel(month)}`
    : `${n} ${n === 1 ? 'convenio publicado' : 'convenios publicados'}`;
  const listing =
    n === 0
      ? `<p>No hay convenios con transferencia de datos personales ${month ? `aprobados por decreto en ${monthLabel(month)}` : 'publicados'}.</p>`
      : tableOf(rows, caption);
  const monthLinks = months.length
    ? `<ul>${months
        .map(
          (m) =>
            `<li><a href="/transparencia?mes=${m.month}"${m.month === month ? ' aria-current="page"' : ''}>${monthLabel(m.month)}</a> (${m.count})</li>`,
        )
        .join('')}</ul>`
    : '<p>Aún no hay convenios publicados.</p>';
  return page(
    `${heading} — Registro público de convenios de datos personales — ${INSTITUTION}`,
    `<p>Convenios vigentes o concluidos en que la ${INSTITUTION} transfiere datos personales a otra institución, con el decreto alcaldicio que los aprueba. El listado mensual reúne los convenios según el mes de su decreto aprobatorio.</p>
<form method="get" action="/transparencia">
<div>
<label for="mes">Mes del decreto aprobatorio</label>
<input type="text" id="mes" name="mes" value="${month ?? ''}" maxlength="7" pattern="[0-9]{4}-(0[1-9]|1[0-2])" placeholder="AAAA-MM" autocomplete="off" aria-describedby="ayuda-mes">
<p class="ayuda" id="ayuda-mes">Formato AAAA-MM, por ejemplo 2026-12.</p>
</div>
<button type="submit">Ver listado del mes</button>
${month ? '<a href="/transparencia">Ver todos los convenios</a>' : ''}
</form>
<section aria-labelledby="listado">
<h2 id="listado">${e(heading)}</h2>
<p class="descargas">Descargar este listado: <a href="/transparencia.csv${q}">CSV (planilla)</a> · <a href="/transparencia.json${q}">JSON (datos abiertos)</a></p>
${listing}
</section>
<nav aria-labelledby="meses">
<h2 id="meses">Listados mensuales</h2>
${monthLinks}
</nav>`,
  );
}

function errorHtml(message: string): string {
  return page(
    `Error — Registro público de convenios de datos personales — ${INSTITUTION}`,
    `<h2>No se pudo mostrar el listado</h2>
<p class="error" role="alert" id="mensaje-error">${escapeHtml(message)}</p>
<p><a href="/transparencia">Volver al registro público</a></p>`,
  );
}

/** The three public routes, rate-limited per client address. */
export function transparencyRouter(deps: TransparencyDeps): Router {
  const r = Router();
  const buckets = new TokenBuckets(deps.rateLimit ?? DEFAULT_PUBLIC_RATE_LIMIT, deps.now);

  const handle =
    (format: 'html' | 'csv' | 'json') =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        const wait = buckets.take(req.ip ?? req.socket.remoteAddress ?? 'desconocido');
        if (wait > 0)
          throw new PublicError(
            429,
            `Demasiadas consultas desde su conexión. Espere ${wait} ${wait === 1 ? 'segundo' : 'segundos'} y vuelva a intentarlo.`,
            wait,
          );
        const month = monthOf(req);
        const rows = await publishedRows(deps.db, month);
        if (format === 'csv') {
          res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
          res.attachment(`transparencia-convenios${month ? `-${month}` : ''}.csv`);
          sendCached(req, res, 'text/csv; charset=utf-8', transparencyCsv(rows));
        } else if (format === 'json') {
          res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
          sendCached(req, res, 'application/json; charset=utf-8', transparencyJson(rows, month));
        } else
          sendCached(
            req,
            res,
            'text/html; charset=utf-8',
            transparencyHtml(rows, month, await monthsWithRows(deps.db)),
          );
      } catch (err) {
        if (!(err instanceof PublicError)) throw err;
        res.set('Cache-Control', 'no-store');
        if (err.retryAfter) res.set('Retry-After', String(err.retryAfter));
        const code = err.status === 429 ? 'DEMASIADAS_CONSULTAS' : 'DATOS_INVALIDOS';
        if (format === 'html') res.status(err.status).type('html').send(errorHtml(err.message));
        else
          res.status(err.status).json({
            error: { code, message: err.message, fields: err.status === 400 ? { mes: 'mes AAAA-MM' } : {} },
          });
      }
    };

  r.get('/transparencia', handle('html'));
  r.get('/transparencia.csv', handle('csv'));
  r.get('/transparencia.json', handle('json'));
  return r;
}
