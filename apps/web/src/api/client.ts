// The one HTTP client: keeps the access token in memory only, refreshes it once (single-flight)
// when the API says TOKEN_EXPIRED, and turns every failure into an ApiRequestError.
import type { ApiError, MeView, SignInResponse } from '@contracts';

/** A failed request: the API's error shape, or NETWORK when no answer came back. */
export class ApiRequestError extends Error {
  readonly statusCode: number;
  readonly code: ApiError['code'] | 'NETWORK';
  readonly details?: unknown;

  constructor(error: ApiError | { statusCode: 0; code: 'NETWORK'; message: string }) {
    super(error.message);
    this.name = 'ApiRequestError';
    this.statusCode = error.statusCode;
    this.code = error.code;
    this.details = 'details' in error ? error.details : undefined;
  }
}

/** Answers that mean the signed-in session is over (not merely a wrong password in a form). */
const SESSION_ENDED = new Set<ApiRequestError['code']>([
  'UNAUTHENTICATED',
  'ACCOUNT_SUSPENDED',
  'REFRESH_TOKEN_REUSED',
]);

type SessionListener = (me: MeView | null) => void;

let accessToken: string | null = null;
let refreshing: Promise<MeView | null> | null = null;
const listeners = new Set<SessionListener>();

/** Called whenever the signed-in person changes (sign in, refresh, sign out, session lost). */
export function onSessionChange(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setSession(token: string | null, me: MeView | null): void {
  accessToken = token;
  for (const listener of listeners) listener(me);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(urlOf(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiRequestError({
      statusCode: 0,
      code: 'NETWORK',
      message: 'The server could not be reached.',
    });
  }
}

async function errorOf(response: Response): Promise<ApiRequestError> {
  try {
    const body = (await response.json()) as ApiError;
    if (body && typeof body.message === 'string') return new ApiRequestError(body);
  } catch {
    // not the API's error shape: fall through
  }
  return new ApiRequestError({
    statusCode: response.status,
    code: response.status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED',
    message: response.statusText || `Request failed (${response.status})`,
  });
}

/** Sends a request; on TOKEN_EXPIRED refreshes the session and retries once. */
export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  let response = await send(method, path, options);
  if (response.status === 401 && accessToken) {
    const error = await errorOf(response.clone());
    if (error.code === 'TOKEN_EXPIRED') {
      const me = await refreshSession();
      if (!me) throw error;
      response = await send(method, path, options);
    }
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (accessToken && SESSION_ENDED.has(error.code)) setSession(null, null);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),
};

/**
 * Runs `task` while holding a lock shared by every tab of this origin (Web Locks), so two tabs
 * never spend the same refresh cookie: the second waits and then sends the cookie the first one
 * received. Without Web Locks (an insecure origin) it simply runs.
 */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('crossings-session-refresh', task) : task();
}

/**
 * Exchanges the refresh cookie for a new access token. Concurrent callers share one request,
 * so a burst of expired calls (or React mounting twice) never spends the cookie twice.
 */
export function refreshSession(): Promise<MeView | null> {
  refreshing ??= (async () => {
    try {
      const response = await acrossTabs(() =>
        fetch('/api/auth/refresh', {
          method: 'POST',
          credentials: 'same-origin',
        }),
      );
      if (!response.ok) {
        setSession(null, null);
        return null;
      }
      const body = (await response.json()) as SignInResponse;
      setSession(body.accessToken, body.me);
      return body.me;
    } catch {
      setSession(null, null);
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function signIn(email: string, password: string): Promise<MeView> {
  const body = await request<SignInResponse>('POST', '/api/auth/sign-in', {
    body: { email, password },
  });
  setSession(body.accessToken, body.me);
  return body.me;
}

export async function signOut(): Promise<void> {
  try {
    await request<void>('POST', '/api/auth/sign-out');
  } finally {
    setSession(null, null);
  }
}

/** The current access token, for the live connection's handshake (kept in memory only). */
export function currentAccessToken(): string | null {
  return accessToken;
}

/** After a password change the API hands out a fresh access token for this session. */
export function replaceAccessToken(token: string): void {
  accessToken = token;
}

/** Tells everyone about an updated profile of the signed-in person. */
export function announceMe(me: MeView | null): void {
  setSession(me ? accessToken : null, me);
}

/** Downloads a file from an authenticated GET route (the token is not a cookie). */
export async function download(path: string, fileName: string): Promise<void> {
  let response = await send('GET', path, {});
  if (response.status === 401 && (await errorOf(response.clone())).code === 'TOKEN_EXPIRED') {
    if (await refreshSession()) response = await send('GET', path, {});
  }
  if (!response.ok) throw await errorOf(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface UploadOptions {
  /** Called as the bytes go out, with the share sent (0–1). */
  onProgress?: (share: number) => void;
  signal?: AbortSignal;
}

/** One attempt: XMLHttpRequest, because fetch cannot report upload progress. */
function sendUpload(path: string, form: FormData, options: UploadOptions): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (accessToken) xhr.setRequestHeader('authorization', `Bearer ${accessToken}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () =>
      resolve(
        new Response(xhr.status === 204 ? null : xhr.responseText, {
          status: xhr.status,
          headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
        }),
      );
    const networkError = () =>
      reject(
        new ApiRequestError({
          statusCode: 0,
          code: 'NETWORK',
          message: 'The server could not be reached.',
        }),
      );
    xhr.onerror = networkError;
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    if (options.signal?.aborted) return xhr.abort();
    xhr.send(form);
  });
}

/** Uploads one file as multipart/form-data (part `file`), with progress; refreshes once like `request`. */
export async function uploadFile<T>(
  path: string,
  file: File,
  options: UploadOptions = {},
): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response = await sendUpload(path, form, options);
  if (response.status === 401 && accessToken) {
    const error = await errorOf(response.clone());
    if (error.code === 'TOKEN_EXPIRED' && (await refreshSession()))
      response = await sendUpload(path, form, options);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (accessToken && SESSION_ENDED.has(error.code)) setSession(null, null);
    throw error;
  }
  return (await response.json()) as T;
}
