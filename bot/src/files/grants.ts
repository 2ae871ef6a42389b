// The requester's access to delivered files over time (issue 15): given in the store after the delivery (SharePoint:
// a specific-people link, view-only or download by classification, with its expiry) and ended at the expiry (the
// recorded permission removed, the end recorded on the timeline). The due rows are found in the database
// (file_grants), claimed under a lease: a restart or a second instance loses and repeats nothing.
import type { FileService } from './file-service';

/** Backoff of a failed step: 5 s doubling, at most an hour. */
const retryDelay = (attempts: number) => Math.min(3_600_000, 5_000 * 2 ** Math.min(attempts, 20));
/** How long a claimed grant is reserved for the instance working on it. */
const LEASE_MS = 60_000;

/**
 * One step over the due grants: `give` asks the store for the requester's access (locally there is nothing to
 * grant: the app's route applies the expiry); `expire` removes the recorded permission, if any, and records the end
 * of the access. Returns how many grants it moved.
 */
export async function runGrantStep(svc: FileService, step: 'give' | 'expire', limit = 50): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await svc.files.claimGrants(step, svc.now(), limit, LEASE_MS);
    if (batch.length === 0) return done;
    for (const g of batch) {
      try {
        if (step === 'give') {
          if (svc.store.kind === 'sharepoint' && !g.email)
            await svc.files.granted(g.id, undefined, svc.now(), 'la persona no tiene correo en el directorio');
          else {
            const permission = await svc.store.grant(g.storeRef, {
              email: g.email ?? '',
              role: g.role,
              expiresAt: g.expiresAt.toISOString(),
            });
            await svc.files.granted(g.id, permission, svc.now());
          }
        } else {
          if (g.permissionId) await svc.store.revoke(g.storeRef, g.permissionId);
          const who = svc.personName(g.personId);
          const ended = await svc.files.expired(g, {
            at: svc.now(),
            itemId: g.itemId,
            uploadId: g.uploadId,
            kind: 'acceso_vencido',
            actorId: 'sistema',
            actorName: 'Sistema',
            personId: g.personId,
            fileName: g.fileName,
            sha256: g.sha256,
            detail: {
              personId: g.personId,
              permissionRemoved: !!g.permissionId,
              expiresAt: g.expiresAt.toISOString(),
              note: `Venció el acceso de ${who} a este archivo${g.permissionId ? '; se retiró su permiso en SharePoint' : ''}.`,
            },
          });
          if (!ended) continue;
        }
        done++;
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        svc.log?.warn(
          step === 'give'
            ? 'no se pudo dar acceso a un archivo entregado'
            : 'no se pudo retirar el acceso a un archivo',
          { grant: g.id, error },
        );
        await svc.files.stepFailed(g.id, new Date(svc.now().getTime() + retryDelay(g.attempts)), error);
      }
    }
    if (batch.length < limit) return done;
  }
}
