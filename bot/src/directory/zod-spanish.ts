import { ZodIssueCode, type ZodErrorMap, type ZodIssue } from 'zod';

/**
 * Spanish messages for zod's built-in checks. Messages written in a schema (e.g. `unidad desconocida`) take
 * precedence over this map, so only the generic ones (missing field, wrong type, bad e-mail…) are translated here.
 */
export const spanishErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      return {
        message:
          issue.received === 'undefined'
            ? 'obligatorio'
            : `se esperaba ${issue.expected}, se recibió ${issue.received}`,
      };
    case ZodIssueCode.invalid_string:
      if (issue.validation === 'email') return { message: 'correo electrónico inválido' };
      if (issue.validation === 'uuid') return { message: 'identificador GUID inválido' };
      if (issue.validation === 'regex') return { message: 'formato inválido' };
      break;
    case ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: `debe tener al menos ${String(issue.minimum)} caracteres` };
      if (issue.type === 'array') return { message: `debe tener al menos ${String(issue.minimum)} elemento(s)` };
      break;
    case ZodIssueCode.invalid_enum_value:
      return { message: `valor no válido: ${String(issue.received)} (se esperaba: ${issue.options.join(', ')})` };
    default:
      break;
  }
  return { message: ctx.defaultError };
};

/** `people.3.unitId: unidad desconocida: foo; delegations.0: período invertido` — every issue, in order. */
export function formatIssues(issues: readonly ZodIssue[]): string {
  return issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(raíz)'}: ${i.message}`).join('; ');
}
