import { z } from 'zod';
import { isLocalDate } from './calendar';
import { formatRut, isValidRut } from './rut';

/**
 * Text hygiene, stated once. What a person types is stored in PostgreSQL, shown on Adaptive Cards and exported to CSV:
 * - NUL and the other C0 control characters (and DEL) are refused: PostgreSQL refuses NUL in text and jsonb, and the
 *   others only break cards and exports. Multi-line fields (justification, purpose, comments, reasons) keep \n, \t
 *   and the \r of a Windows line break.
 * - a lone surrogate (half of a UTF-16 pair, \uD800–\uDFFF without its partner) is not text and PostgreSQL refuses it.
 * - single-line fields (names, titles, RUT, e-mail, file names, references) refuse CR and LF.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string can be stored as PostgreSQL text at all (no NUL, no lone surrogate). */
export const isStorableText = (s: string): boolean => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

/** The Spanish reason a text is refused, or undefined when it is clean. */
export function textProblem(s: string, multiline: boolean): string | undefined {
  if (LONE_SURROGATE.test(s)) return 'contiene caracteres no válidos (codificación incorrecta)';
  if (/[\r\n]/.test(s) && !multiline) return 'no puede contener saltos de línea';
  if ((multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(s))
    return 'contiene caracteres de control no permitidos';
  return undefined;
}

const clean =
  (label: string | undefined, multiline: boolean) =>
  (s: string, ctx: z.RefinementCtx): void => {
    const problem = textProblem(s, multiline);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: label ? `${label}: ${problem}` : problem });
  };

const required = (label: string) => ({
  required_error: `${/^(los|las) /.test(label) ? 'faltan' : 'falta'} ${label}`,
  invalid_type_error: `${label} debe ser texto`,
});

/** Free text a person types, possibly over several lines: trimmed, at least 3 characters, bounded. */
export const textField = (label: string, max = 2000) =>
  z
    .string(required(label))
    .trim()
    .min(3, `${label}: escriba al menos 3 caracteres`)
    .max(max, `${label}: máximo ${max} caracteres`)
    .superRefine(clean(label, true));

/**
 * One line a person types (a name, a title, a position): as textField, without line breaks. `tooShort` replaces the
 * message for an empty or too short value where the form asks for it in its own words.
 */
export const lineField = (label: string, max = 300, tooShort?: string) =>
  z
    .string(required(label))
    .trim()
    .min(3, tooShort ?? `${label}: escriba al menos 3 caracteres`)
    .max(max, `${label}: máximo ${max} caracteres`)
    .superRefine(clean(label, false));

/**
 * Any other string that comes from outside (identifiers, short optional notes, query parameters): trimmed unless
 * `trim: false`, bounded, and clean. `min` defaults to 0; `multiline` allows \n and \t.
 */
export const safeString = (opts: {
  max: number;
  min?: number;
  multiline?: boolean;
  label?: string;
  trim?: boolean;
}) => {
  let s = z.string(opts.label ? { invalid_type_error: `${opts.label} debe ser texto` } : undefined);
  if (opts.trim !== false) s = s.trim();
  if (opts.min) s = s.min(opts.min, opts.label ? `falta ${opts.label}` : undefined);
  return s
    .max(opts.max, opts.label ? `${opts.label}: máximo ${opts.max} caracteres` : undefined)
    .superRefine(clean(opts.label, opts.multiline ?? false));
};

/** The years a date may carry: far dates (year 0, 9999) are typing mistakes and overflow timestamps downstream. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/**
 * A real calendar date AAAA-MM-DD (2026-02-30 is refused, not stored) between MIN_YEAR and MAX_YEAR. The message
 * names no format: the tab's fields read dd-mm-aaaa and the API takes AAAA-MM-DD (its OpenAPI says so), and the
 * same words are shown under both (issue 14 §2).
 */
export const localDateField = (label: string) =>
  z
    .string({ required_error: `falta ${label}`, invalid_type_error: `${label} debe ser una fecha` })
    .refine(isLocalDate, `${label}: no es una fecha válida`)
    .refine(
      (d) => !isLocalDate(d) || (Number(d.slice(0, 4)) >= MIN_YEAR && Number(d.slice(0, 4)) <= MAX_YEAR),
      `${label}: la fecha debe estar entre los años ${MIN_YEAR} y ${MAX_YEAR}`,
    );

/** A month AAAA-MM between MIN_YEAR and MAX_YEAR. */
export const monthField = (label = 'el mes') =>
  z
    .string({ invalid_type_error: `${label} debe ser un mes AAAA-MM` })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'mes AAAA-MM')
    .refine(
      (m) => !/^\d{4}/.test(m) || (Number(m.slice(0, 4)) >= MIN_YEAR && Number(m.slice(0, 4)) <= MAX_YEAR),
      `${label}: el mes debe estar entre los años ${MIN_YEAR} y ${MAX_YEAR}`,
    );

/** A Chilean RUT, stored in one canonical form (76.086.428-5: dots, hyphen, uppercase K) whatever was typed. */
export const rutField = (message = 'RUT inválido (revise el dígito verificador)', requiredMessage = 'falta el RUT') =>
  z
    .string({ required_error: requiredMessage, invalid_type_error: 'el RUT debe ser texto' })
    .max(20, message)
    .superRefine(clean('el RUT', false))
    .refine(isValidRut, message)
    .transform((s) => formatRut(s)!);

/** An e-mail address, one line. */
export const emailField = () =>
  z
    .string()
    .trim()
    .max(254, 'correo: máximo 254 caracteres')
    .superRefine(clean('el correo', false))
    .pipe(z.string().email('correo inválido'));

/** Characters that would end or break a link in a card's Markdown, or that nobody types in an address by hand. */
// eslint-disable-next-line no-control-regex
const LINK_BREAKERS = /[\s\u0000-\u001f\u007f()[\]<>`*"{}|\\^]/;

/** Whether a link may be stored: http(s) with a host, no credentials; http only when `allowHttp`. */
export function linkProblem(href: string, allowHttp: boolean): string | undefined {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return 'El enlace debe comenzar con https://';
  }
  if (u.protocol === 'http:' && !allowHttp) return 'El enlace debe comenzar con https://';
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'El enlace debe comenzar con https://';
  if (!u.hostname) return 'el enlace no indica un servidor';
  if (u.username || u.password) return 'el enlace no puede incluir usuario ni contraseña';
  return undefined;
}

/**
 * A link a person types (a delivery's link, an attachment, a document's address): parsed with the WHATWG URL parser
 * and stored normalised (`new URL(x).href`). Only https: and http: pass the schema; http: is refused outside local
 * mode by decide (settings.allowHttpLinks), since parsing does not know the mode. javascript:, data:, file:,
 * vbscript: and relative addresses are refused, and so is anything that would break a card's Markdown link.
 */
export const linkField = (max = 2000) =>
  z
    .string({ invalid_type_error: 'el enlace debe ser texto' })
    .trim()
    .max(max, `el enlace: máximo ${max} caracteres`)
    .superRefine((s, ctx) => {
      const problem = LONE_SURROGATE.test(s)
        ? 'el enlace contiene caracteres no válidos'
        : (linkProblem(s, true) ??
          (LINK_BREAKERS.test(s)
            ? 'el enlace contiene espacios o caracteres no permitidos ( ) [ ] < > ` *'
            : undefined));
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    })
    .transform((s) => new URL(s).href)
    .refine((href) => href.length <= max && !LINK_BREAKERS.test(href), 'el enlace contiene caracteres no permitidos');
