import type { Request } from 'express';
import { DomainError, resolveActor, toLocalDate, type Actor, type Directory } from '../../../protocol';
import { actorFromBearer, type SsoVerifier } from './sso';
import { noteCaller } from '../request-context';

/** The development identity header of local mode (the tab's persona picker and the tests send it). */
export const PERSONA_HEADER = 'x-persona';

export interface IdentityOptions {
  localMode: boolean;
  directory: Directory;
  timeZone: string;
  now: () => Date;
  /** Teams SSO token validation; present whenever a tenant is configured. */
  sso?: SsoVerifier;
}

/**
 * Who is calling. Local mode (no tenant): the persona header names a person of the directory by id, e-mail or
 * Entra object id. With a tenant configured only a Teams SSO token (Authorization: Bearer) identifies the caller,
 * and a request carrying the persona header is refused outright, whatever else it carries.
 */
export async function identify(req: Request, o: IdentityOptions): Promise<Actor> {
  const actor = await identifyCaller(req, o);
  // The access log names the caller by directory id.
  noteCaller(actor.personId);
  return actor;
}

async function identifyCaller(req: Request, o: IdentityOptions): Promise<Actor> {
  const persona = req.get(PERSONA_HEADER);
  if (!o.localMode) {
    if (persona)
      throw new DomainError('NO_AUTENTICADO', 'La identidad de desarrollo no se acepta con un inquilino configurado.');
    const authorization = req.get('authorization');
    if (!authorization) throw new DomainError('NO_AUTENTICADO', 'Inicie sesión con su cuenta municipal.');
    if (!o.sso)
      throw new DomainError('NO_AUTENTICADO', 'El inicio de sesión de Teams no está configurado en el servicio.');
    return actorFromBearer(authorization, { sso: o.sso, directory: o.directory, timeZone: o.timeZone, now: o.now });
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
