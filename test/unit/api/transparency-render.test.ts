// The public register's three renderings of the same projection: user text is data (escaped in HTML, formula-safe in
// CSV), dates dd-MM-yyyy where people read them, and nothing but the projection's fields.
import type { PublishedConvenio } from '../../../protocol';
import {
  monthLabel,
  transparencyCsv,
  transparencyHtml,
  transparencyJson,
} from '../../../bot/src/api/transparency-routes';

const hostile: PublishedConvenio = {
  reference: 'CONV-2026-0007',
  counterpart: { name: '<script>alert(1)</script> Fundación "Datos"', rut: '65.123.456-7' },
  title: '=HYPERLINK("https://malo.example")',
  purpose: "Estudio <img src=x onerror=alert('x')>",
  dataCategories: ['Datos personales', 'Datos sensibles'],
  legalBasis: '@SUM(A1) Ley 19.628 art. 20',
  decree: { number: '1.234', date: '2026-12-30' },
  validity: { start: '2026-12-30', end: '2028-12-29' },
  state: 'vigente',
  stateLabel: 'Vigente',
  month: '2026-12',
};

describe('HTML', () => {
  const html = transparencyHtml([hostile], '2026-12', [{ month: '2026-12', count: 1 }]);

  it('escapes every user text: no element or attribute comes from it', () => {
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Fundación &quot;Datos&quot;');
    expect(html).toContain('Estudio &lt;img src=x onerror=alert(&#39;x&#39;)&gt;');
    expect(html).toContain('<th scope="row">CONV-2026-0007</th>');
  });

  it('is Spanish (Chile), with a skip link, a caption, header scopes, a labelled month field and no script', () => {
    expect(html).toContain('<html lang="es-CL">');
    expect(html).toContain('<a class="saltar" href="#contenido">Saltar al contenido</a>');
    expect(html).toContain('<main id="contenido" tabindex="-1">');
    expect(html).toContain('<caption>1 convenio aprobado por decreto en diciembre de 2026</caption>');
    expect(html.match(/<th scope="col">/g)).toHaveLength(8);
    expect(html).toContain('<label for="mes">');
    expect(html).toMatch(/<input type="text" id="mes" name="mes" value="2026-12"/);
    expect(html).toContain('<form method="get" action="/transparencia">');
    expect(html).toContain('30-12-2026');
    expect(html).toContain('29-12-2028');
    expect(html).not.toContain('2026-12-30');
  });
});

describe('CSV and JSON', () => {
  it('CSV: formula-looking cells neutralised, dates dd-MM-yyyy, ; separated with BOM', () => {
    const csv = transparencyCsv([hostile]);
    expect(csv.startsWith('\uFEFFReferencia;Contraparte;')).toBe(true);
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""https://malo.example"")"`);
    expect(row).toContain("'@SUM(A1) Ley 19.628 art. 20");
    expect(row).toContain('30-12-2026;30-12-2026;29-12-2028;Vigente;2026-12');
  });

  it('JSON: the projection as it is, with the month asked for', () => {
    expect(JSON.parse(transparencyJson([hostile], '2026-12'))).toEqual({
      institucion: 'Municipalidad de Quillota',
      mes: '2026-12',
      convenios: [hostile],
    });
    expect(JSON.parse(transparencyJson([], undefined)).mes).toBeNull();
  });

  it.each([
    ['2026-01', 'enero de 2026'],
    ['2026-09', 'septiembre de 2026'],
    ['2027-12', 'diciembre de 2027'],
  ])('month %s reads «%s»', (m, label) => expect(monthLabel(m)).toBe(label));
});
