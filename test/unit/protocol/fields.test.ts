// Issue 11: the text, date, RUT and link helpers of protocol/fields.ts, and the http-only-locally rule of decide.
import { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  decide,
  isDomainError,
  isStorableText,
  lineField,
  linkField,
  localDateField,
  monthField,
  parseCommand,
  parseCreate,
  requireAllowedLinks,
  rutField,
  safeString,
  textField,
  textProblem,
} from '../../../protocol';
import { ctx, SOLICITUD_RAW } from '../../support/protocol-fixtures';

const issues = (schema: z.ZodTypeAny, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('text hygiene', () => {
  it.each([
    ['NUL', 'a\u0000b', 'control'],
    ['a lone high surrogate', 'a\uD800b', 'no válidos'],
    ['a lone low surrogate', '\uDC00abc', 'no válidos'],
    ['an escape', 'a\u001bb', 'control'],
    ['DEL', 'a\u007fb', 'control'],
  ])('%s is refused in every kind of field', (_name, value, word) => {
    for (const multiline of [true, false]) expect(textProblem(value, multiline)).toMatch(word);
    expect(issues(textField('el texto'), `${value} largo`).join()).toMatch(word);
    expect(issues(lineField('el nombre'), `${value} largo`).join()).toMatch(word);
    expect(issues(safeString({ max: 100 }), value).join()).toMatch(word);
  });

  it('a surrogate pair (an emoji) is text', () => {
    expect(textProblem('hola 😀', false)).toBeUndefined();
    expect(isStorableText('hola 😀')).toBe(true);
    expect(isStorableText('hola \uD83D')).toBe(false);
  });

  it('line breaks: refused in single-line fields, kept in multi-line ones', () => {
    expect(issues(lineField('el nombre'), 'Ana\nPérez')).toEqual(['el nombre: no puede contener saltos de línea']);
    expect(issues(lineField('el nombre'), 'Ana\rPérez')).toEqual(['el nombre: no puede contener saltos de línea']);
    expect(textField('la justificación').parse('uno\ndos\n\ttres')).toBe('uno\ndos\n\ttres');
    expect(safeString({ max: 100, multiline: true }).parse(' a\nb ')).toBe('a\nb');
  });
});

describe('dates', () => {
  it('0000-01-01 is no date at all', () => {
    expect(issues(localDateField('la fecha'), '0000-01-01')).toEqual(['la fecha: no es una fecha válida']);
  });
  it.each(['9999-12-31', '1999-12-31', '2101-01-01'])('%s is out of range', (d) => {
    expect(issues(localDateField('la fecha'), d)).toEqual(['la fecha: la fecha debe estar entre los años 2000 y 2100']);
  });
  it.each(['2000-01-01', '2026-09-15', '2100-12-31'])('%s is in range', (d) => {
    expect(localDateField('la fecha').parse(d)).toBe(d);
  });
  it('months too', () => {
    expect(issues(monthField('el mes'), '9999-12')).toEqual(['el mes: el mes debe estar entre los años 2000 y 2100']);
    expect(monthField('el mes').parse('2026-09')).toBe('2026-09');
  });
});

describe('RUT', () => {
  it.each(['76086428-5', '760864285', ' 76.086.428-5 ', '76.086.428-5', '076086428-5'])('%s → 76.086.428-5', (rut) => {
    expect(rutField().parse(rut)).toBe('76.086.428-5');
  });
  it('k becomes K', () => expect(rutField().parse('10000013-k')).toBe('10.000.013-K'));
  it.each(['76086428-4', '76086428\n-5', 'abc', '1'.repeat(30)])('%j is refused', (rut) => {
    expect(rutField().safeParse(rut).success).toBe(false);
  });
});

describe('links', () => {
  it.each([
    ['HTTPS://Quillota.CL/a/../b', 'https://quillota.cl/b'],
    ['https://quillota.cl/datos%20abiertos.xlsx', 'https://quillota.cl/datos%20abiertos.xlsx'],
    ['https://quillota.cl/ñandú', 'https://quillota.cl/%C3%B1and%C3%BA'],
    ['http://localhost:3978/documentos/x.docx', 'http://localhost:3978/documentos/x.docx'],
  ])('%s is stored as %s', (typed, stored) => {
    expect(linkField().parse(typed)).toBe(stored);
  });

  it.each([
    ['javascript:alert(1)', 'El enlace debe comenzar con https://'],
    ['JavaScript:alert(1)', 'El enlace debe comenzar con https://'],
    ['data:text/html,x', 'El enlace debe comenzar con https://'],
    ['file:///etc/passwd', 'El enlace debe comenzar con https://'],
    ['vbscript:msgbox', 'El enlace debe comenzar con https://'],
    ['/relativo', 'El enlace debe comenzar con https://'],
    ['quillota.cl', 'El enlace debe comenzar con https://'],
    ['https://quillota.cl/a b', 'el enlace contiene espacios o caracteres no permitidos ( ) [ ] < > ` *'],
    ['https://quillota.cl/(a)', 'el enlace contiene espacios o caracteres no permitidos ( ) [ ] < > ` *'],
    ['https://quillota.cl/<a>', 'el enlace contiene espacios o caracteres no permitidos ( ) [ ] < > ` *'],
    ['https://quillota.cl/a*', 'el enlace contiene espacios o caracteres no permitidos ( ) [ ] < > ` *'],
    ['https://quillota.cl/\u0000', 'el enlace contiene espacios o caracteres no permitidos ( ) [ ] < > ` *'],
    ['https://quillota.cl/\uD800', 'el enlace contiene caracteres no válidos'],
    ['https://ana:clave@quillota.cl/', 'el enlace no puede incluir usuario ni contraseña'],
  ])('%j is refused: %s', (typed, message) => {
    expect(issues(linkField(), typed)).toEqual([message]);
  });

  it('http:// is allowed only where the settings say so (local mode), checked by decide', () => {
    const command = parseCommand('solicitud', { type: 'entregar', link: 'http://quillota.cl/x', note: 'Entregado' });
    expect(() => requireAllowedLinks(command, DEFAULT_SETTINGS)).toThrow('El enlace debe comenzar con https://');
    expect(() => requireAllowedLinks(command, { ...DEFAULT_SETTINGS, allowHttpLinks: true })).not.toThrow();
    const create = parseCreate('solicitud', {
      ...SOLICITUD_RAW,
      attachments: [{ name: 'Oficio', url: 'http://quillota.cl/oficio.pdf' }],
    });
    const refused = decide(null, create, ctx('ana'), { id: 'sol-1', reference: 'SOL-2026-0001' });
    expect(isDomainError(refused) && refused.fields).toEqual({
      'attachments.0.url': 'El enlace debe comenzar con https://',
    });
    const allowed = decide(null, create, ctx('ana', undefined, { ...DEFAULT_SETTINGS, allowHttpLinks: true }), {
      id: 'sol-1',
      reference: 'SOL-2026-0001',
    });
    expect(isDomainError(allowed)).toBe(false);
  });
});
