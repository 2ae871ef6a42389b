import type { Request } from 'express';
import { DomainError, resolveActor, toLocalDate, type Actor, type Directory } from '../../../protocol';

/** The development identity header of local mode (the tab's persona picker and the tests send it). */
export const PERSONA_HEADER = 'x-persona';

export interface IdentityOptions {
  localMode: boolean;
  directory: Directory;
  timeZone: string;
  now: () => Date;
}

/**
 * Who is calling. Local mode (no tenant): the persona header names a person of the directory by id, e-mail or
 * Entra object id. With a tenant configured the header is refused outright; Teams SSO comes with the tab.
 */
export function identify(req: Request, o: IdentityOptions): Actor {
  const persona = req.get(PERSONA_HEADER);
  if (!o.localMode) {
    if (persona)
      throw new DomainError('NO_AUTENTICADO', 'La identidad de desarrollo no se acepta con un inquilino configurado.');
    throw new DomainError('NO_AUTENTICADO', 'Inicie sesión con su cuenta municipal.');
  }
  if (!persona)
    throw new DomainError(
      'NO_AUTENTICADO',
      `Falta la identidad: envíe el encabezado ${PERSONA_HEADER} con una persona del directorio.`,
    );
  const key = persona.trim().toLowerCase();
  const person = o.directory.people.find(
    (p) => p.id.toLowerCase() === key || p.email.toLowerCase() === key || p.aadObjectId?.toLowerCase() === key,
  );
  const actor = person && resolveActor(o.directory, person.id, toLocalDate(o.now(), o.timeZone));
  if (!actor) throw new DomainError('NO_AUTENTICADO', `La persona «${persona}» no está en el directorio.`);
  return actor;
}
