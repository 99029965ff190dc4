/**
 * The one way the client talks to the server: JSON in and out, the CSRF header on every
 * state-changing request, and errors as `ApiError` carrying the server's code and sentence.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
const listeners = new Set<() => void>();

/** Remembers the CSRF token of the current session (from login or `/api/auth/me`). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when the server says the session is gone (401), so the shell can show the login page. */
export function onUnauthenticated(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function toError(response: Response): Promise<ApiError> {
  try {
    const body = await response.json();
    if (body?.error?.code) return new ApiError(response.status, body.error.code, body.error.message, body.error.details);
  } catch {
    // not JSON: fall through
  }
  return new ApiError(response.status, 'HTTP_' + response.status, `The server answered ${response.status} ${response.statusText}.`);
}

export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'The server cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const error = await toError(response);
    if (response.status === 401 && url !== '/api/auth/login') listeners.forEach((l) => l());
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  delete: <T = void>(url: string) => request<T>('DELETE', url),
  request: <T>(method: string, url: string, body?: unknown) => request<T>(method, url, body),
};

/**
 * Uploads files as multipart/form-data with progress (fetch has no upload progress; XHR does).
 * Resolves with the parsed JSON body whatever the status; rejects with ApiError only when the
 * request could not complete or the answer is not JSON.
 */
export function uploadWithProgress<T>(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'The upload was interrupted. Check your connection and try again.'));
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) as T });
      } catch {
        reject(new ApiError(xhr.status, 'HTTP_' + xhr.status, `The server answered ${xhr.status}.`));
      }
    };
    xhr.send(form);
  });
}
