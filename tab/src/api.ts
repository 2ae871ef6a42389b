// The REST API of the service (docs/api.md). Every call carries the caller's identity: the Teams SSO token in Teams,
// the chosen persona in local mode. Errors arrive as { error: { code, message, fields } } with Spanish messages,
// which are shown as they are.
import { API_ERRORS } from './textos/app';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Credentials = () => Promise<Record<string, string>>;
let credentials: Credentials = async () => ({});

/** Set once by the session: how to prove who is calling. */
export function setCredentials(c: Credentials): void {
  credentials = c;
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(await credentials())) headers.set(k, v);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'SIN_CONEXION', API_ERRORS.noConnection);
  }
  if (res.ok) return res;
  let body: { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  throw new ApiError(
    res.status,
    body?.error?.code ?? 'ERROR',
    body?.error?.message ?? API_ERRORS.status(res.status),
    body?.error?.fields ?? {},
  );
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await request(path, signal ? { signal } : {})).json() as Promise<T>;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json() as Promise<T>;
}

/** Sends a file as the request's body (a convenio's document), with its own content type; answers the JSON. */
export async function postFile<T>(path: string, file: Blob, contentType: string): Promise<T> {
  const res = await request(path, { method: 'POST', headers: { 'content-type': contentType }, body: file });
  return res.json() as Promise<T>;
}

/** Sends raw bytes (one part of a file upload) with PUT and its own headers; answers the status and the JSON. */
export async function putBytes<T>(
  path: string,
  body: Blob,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<{ status: number; body: T }> {
  const res = await request(path, { method: 'PUT', headers, body, ...(signal ? { signal } : {}) });
  return { status: res.status, body: (await res.json()) as T };
}

/** DELETE a resource (a file upload not yet delivered). */
export async function deletePath(path: string): Promise<void> {
  await request(path, { method: 'DELETE' });
}

/** The file name of a Content-Disposition: the UTF-8 one (RFC 6266 filename*) when given, else the plain one. */
export function dispositionName(header: string | null): string | undefined {
  const h = header ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(h)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8.trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  return /filename="?([^";]+)"?/i.exec(h)?.[1];
}

/**
 * Downloads a file the API produces (CSV exports, a convenio's documents), keeping the server's file name: fetched
 * with the caller's identity (a plain link could not carry it), then saved through a blob URL.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await request(path);
  const name = dispositionName(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
