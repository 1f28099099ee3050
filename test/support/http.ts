// A small HTTP client for tests: JSON in, status + JSON out, optional bearer token and cookies.
export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

export function httpClient(baseUrl: string) {
  return async function request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    let body: string | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  };
}

export type Http = ReturnType<typeof httpClient>;

/** The refresh cookie's "name=value" from a response, to send back on the next call. */
export function refreshCookieOf(result: HttpResult): string | undefined {
  const setCookie = result.headers.getSetCookie().find((c) => c.startsWith('crossings_refresh='));
  return setCookie?.split(';')[0];
}

/** The device cookie's "name=value" (a browser that signed in to an account before). */
export function deviceCookieOf(result: HttpResult): string | undefined {
  const setCookie = result.headers.getSetCookie().find((c) => c.startsWith('crossings_device='));
  return setCookie?.split(';')[0];
}
