import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import {
  DomainError,
  findPersonByAadObjectId,
  forbidden,
  resolveActor,
  toLocalDate,
  type Actor,
  type Directory,
} from '../../../protocol';
import type { Logger } from '../logger';

/**
 * Teams tab SSO: the tab gets an Entra ID access token from `authentication.getAuthToken()` and sends it as
 * `Authorization: Bearer …`. The token is checked here, offline against the tenant's signing keys (jose caches them),
 * and its `oid` is mapped to a person of the municipal directory. Nothing of the token is ever echoed back.
 */

/** The delegated scope the tab's app registration exposes (Expose an API → access_as_user). */
export const SSO_SCOPE = 'access_as_user';
/** Entra ID and the service may disagree on the time by a little; more than this is a wrong token. */
export const CLOCK_TOLERANCE_SECONDS = 60;

export interface SsoOptions {
  tenantId: string;
  /** The client id of the app registration (MICROSOFT_APP_ID): the audience of v2 tokens. */
  clientId?: string;
  /** The Application ID URI (TAB_APP_ID_URI): the audience of v1 tokens, what Teams usually issues. */
  appIdUri?: string;
  /** Default: the tenant's keys at login.microsoftonline.com. */
  jwksUrl?: string;
  log?: Logger;
}

/** What the service keeps of a validated token. */
export interface SsoIdentity {
  oid: string;
  tid: string;
}

export interface SsoVerifier {
  verify(token: string, now: Date): Promise<SsoIdentity>;
}

const unauthenticated = (message: string) => new DomainError('NO_AUTENTICADO', message);

/** Spanish, safe to show: says what is wrong with the token without repeating any of it. */
function explain(e: unknown): { message: string; keysUnavailable?: boolean } {
  const err = e as { code?: string; claim?: string; reason?: string } | undefined;
  switch (err?.code) {
    case 'ERR_JWT_EXPIRED':
      return { message: 'La sesión expiró: vuelva a abrir la pestaña para iniciar sesión de nuevo.' };
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (err.claim === 'aud') return { message: 'El token de inicio de sesión no fue emitido para esta aplicación.' };
      if (err.claim === 'iss')
        return { message: 'El token de inicio de sesión no fue emitido por el inquilino de la Municipalidad.' };
      if (err.claim === 'nbf') return { message: 'El token de inicio de sesión aún no es válido.' };
      if (err.claim === 'scp') return { message: `El token de inicio de sesión no concede el permiso ${SSO_SCOPE}.` };
      if (err.claim === 'tid')
        return { message: 'El token de inicio de sesión no fue emitido por el inquilino de la Municipalidad.' };
      return { message: 'El token de inicio de sesión no tiene los datos requeridos.' };
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return { message: 'La firma del token de inicio de sesión no es válida.' };
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return { message: 'El token de inicio de sesión usa un algoritmo de firma no aceptado.' };
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return { message: 'El token de inicio de sesión está mal formado.' };
    default:
      // The keys could not be fetched (network, timeout, an invalid JWKS): not the caller's fault, but no identity.
      return {
        message: 'No se pudo validar el inicio de sesión en este momento. Intente nuevamente en unos minutos.',
        keysUnavailable: true,
      };
  }
}

export function createSsoVerifier(o: SsoOptions): SsoVerifier {
  const tenant = o.tenantId.toLowerCase();
  const keys = createRemoteJWKSet(
    new URL(o.jwksUrl ?? `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`),
  );
  // v2 tokens name login.microsoftonline.com; v1 tokens (accessTokenAcceptedVersion null/1, Teams' default) sts.
  const issuers = [`https://login.microsoftonline.com/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`];
  const audiences = [o.appIdUri, o.clientId].filter((a): a is string => !!a);
  return {
    async verify(token, now) {
      // Without an audience configured no token can be for us; jose would accept any audience if given none.
      if (audiences.length === 0)
        throw unauthenticated('El inicio de sesión de Teams no está configurado en el servicio.');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['RS256'],
          issuer: issuers,
          audience: audiences,
          currentDate: now,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'iat', 'tid', 'oid', 'scp'],
        }));
      } catch (e) {
        const { message, keysUnavailable } = explain(e);
        const reason = (e as { code?: string }).code ?? (e instanceof Error ? e.name : 'desconocido');
        if (keysUnavailable) o.log?.warn('claves de firma de Entra ID no disponibles', { reason });
        else o.log?.debug('token de la pestaña rechazado', { reason });
        throw unauthenticated(message);
      }
      const tid = typeof payload.tid === 'string' ? payload.tid.toLowerCase() : '';
      if (tid !== tenant)
        throw unauthenticated('El token de inicio de sesión no fue emitido por el inquilino de la Municipalidad.');
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(SSO_SCOPE))
        throw unauthenticated(`El token de inicio de sesión no concede el permiso ${SSO_SCOPE}.`);
      if (typeof payload.oid !== 'string' || !payload.oid)
        throw unauthenticated('El token de inicio de sesión no identifica a la persona.');
      return { oid: payload.oid, tid };
    },
  };
}

const BEARER_RE = /^Bearer +([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*)$/i;

/**
 * The actor behind an `Authorization` header. 401 for any problem with the token; 403 when the token is valid but
 * its person is not in the directory: they did sign in, the municipality has not registered them (see docs/api.md).
 */
export async function actorFromBearer(
  authorization: string,
  o: { sso: SsoVerifier; directory: Directory; timeZone: string; now: () => Date },
): Promise<Actor> {
  const m = BEARER_RE.exec(authorization.trim());
  if (!m)
    throw unauthenticated(
      'El encabezado Authorization debe traer el token de inicio de sesión de Teams («Bearer <token>»).',
    );
  const now = o.now();
  const { oid } = await o.sso.verify(m[1]!, now);
  const person = findPersonByAadObjectId(o.directory, oid);
  const actor = person && resolveActor(o.directory, person.id, toLocalDate(now, o.timeZone));
  if (!actor)
    throw forbidden(
      'Su cuenta no está registrada en el directorio municipal de Intercambio de Datos. Pida a la UGDT que la agregue.',
    );
  return actor;
}
