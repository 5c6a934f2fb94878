// The REST client: the bearer token from localStorage on every call, errors as ApiError with the
// server's code and message (status 0 when the server cannot be reached).

const TOKEN_KEY = 'tether.token';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  get unreachable() {
    return this.status === 0;
  }

  get unauthorized() {
    return this.status === 401;
  }
}

export const token = {
  get() {
    return localStorage.getItem(TOKEN_KEY);
  },
  set(value) {
    localStorage.setItem(TOKEN_KEY, value);
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
  },
};

const listeners = new Set();

/** Called with the ApiError whenever a call finds the token refused. */
export function onUnauthorized(listener) {
  listeners.add(listener);
}

export function headers(extra = {}) {
  const out = { 'X-Tether-Client': 'web', ...extra };
  const t = token.get();
  if (t) {
    out.Authorization = `Bearer ${t}`;
  }
  return out;
}

/** Calls the API; resolves to the parsed JSON (null for 204). */
export async function api(path, { method = 'GET', body, signal, tokenOverride } = {}) {
  const h = headers(body === undefined ? {} : { 'Content-Type': 'application/json' });
  if (tokenOverride !== undefined) {
    h.Authorization = `Bearer ${tokenOverride}`;
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers: h, signal, cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, 'unreachable', 'The Tether server cannot be reached.');
  }
  if (response.status === 204) {
    return null;
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (!response.ok) {
    const detail = json && json.error ? json.error : {};
    const error = new ApiError(response.status, detail.code || 'http_' + response.status,
      detail.message || `${response.status} ${response.statusText}`);
    if (error.unauthorized && tokenOverride === undefined) {
      listeners.forEach((l) => l(error));
    }
    throw error;
  }
  return json;
}
