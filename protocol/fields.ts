import { z } from 'zod';
import { isLocalDate } from './calendar';

/** Free text a person types: trimmed, at least 3 characters, bounded. The label names the field in Spanish. */
export const textField = (label: string, max = 2000) =>
  z
    .string({
      required_error: `${/^(los|las) /.test(label) ? 'faltan' : 'falta'} ${label}`,
      invalid_type_error: `${label} debe ser texto`,
    })
    .trim()
    .min(3, `${label}: escriba al menos 3 caracteres`)
    .max(max, `${label}: máximo ${max} caracteres`);

/** A real calendar date AAAA-MM-DD (2026-02-30 is refused, not stored). */
export const localDateField = (label: string) =>
  z
    .string({ required_error: `falta ${label}`, invalid_type_error: `${label} debe ser una fecha AAAA-MM-DD` })
    .refine(isLocalDate, `${label}: fecha inválida (AAAA-MM-DD)`);
