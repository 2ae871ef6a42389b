import { z, ZodIssueCode, type ZodErrorMap, type ZodIssue } from 'zod';

/**
 * Spanish messages for zod's built-in checks. Messages written in a schema (e.g. `unidad desconocida`) take
 * precedence over this map, so only the generic ones (missing field, wrong type, bad e-mail…) are translated here.
 */
const TYPE_NAMES: Record<string, string> = {
  string: 'texto',
  number: 'número',
  integer: 'número entero',
  boolean: 'verdadero o falso',
  object: 'objeto',
  array: 'lista',
  date: 'fecha',
  null: 'nulo',
  undefined: 'nada',
  nan: 'NaN',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? t;

export const spanishErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      if (issue.expected === 'integer') return { message: 'se esperaba un número entero' };
      return {
        message:
          issue.received === 'undefined'
            ? 'obligatorio'
            : `se esperaba ${typeName(issue.expected)}, se recibió ${typeName(issue.received)}`,
      };
    case ZodIssueCode.invalid_string:
      if (issue.validation === 'email') return { message: 'correo electrónico inválido' };
      if (issue.validation === 'uuid') return { message: 'identificador GUID inválido' };
      if (issue.validation === 'url') return { message: 'enlace inválido' };
      if (issue.validation === 'regex') return { message: 'formato inválido' };
      return { message: 'texto inválido' };
    case ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: `debe tener al menos ${String(issue.minimum)} caracteres` };
      if (issue.type === 'array') return { message: `debe tener al menos ${String(issue.minimum)} elemento(s)` };
      if (issue.type === 'number') return { message: `debe ser mayor o igual a ${String(issue.minimum)}` };
      break;
    case ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `máximo ${String(issue.maximum)} caracteres` };
      if (issue.type === 'array') return { message: `máximo ${String(issue.maximum)} elemento(s)` };
      if (issue.type === 'number') return { message: `debe ser menor o igual a ${String(issue.maximum)}` };
      break;
    case ZodIssueCode.invalid_enum_value:
      return { message: `valor no válido: ${String(issue.received)} (se esperaba: ${issue.options.join(', ')})` };
    case ZodIssueCode.invalid_literal:
      return { message: `se esperaba ${JSON.stringify(issue.expected)}` };
    case ZodIssueCode.unrecognized_keys:
      return { message: `campos no permitidos: ${issue.keys.join(', ')}` };
    case ZodIssueCode.invalid_union_discriminator:
      return { message: `valor no válido (se esperaba: ${issue.options.map(String).join(', ')})` };
    case ZodIssueCode.invalid_union:
      return { message: 'valor no válido' };
    case ZodIssueCode.not_multiple_of:
      return { message: `debe ser múltiplo de ${String(issue.multipleOf)}` };
    case ZodIssueCode.invalid_date:
      return { message: 'fecha inválida' };
    default:
      break;
  }
  if (ctx.defaultError === 'Expected integer, received float') return { message: 'se esperaba un número entero' };
  return { message: 'valor no válido' };
};

/** `people.3.unitId: unidad desconocida: foo; delegations.0: período invertido` — every issue, in order. */
export function formatIssues(issues: readonly ZodIssue[]): string {
  return issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(raíz)'}: ${i.message}`).join('; ');
}

// Every schema of the protocol, the API and the configuration speaks Spanish: messages written in a schema still
// take precedence; this map only replaces zod's English defaults.
z.setErrorMap(spanishErrorMap);
