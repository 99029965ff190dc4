/** A small history router: a table of path patterns, `navigate()`, and link interception. */
export interface Route {
  name: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

const PATTERNS: [string, RegExp, string[]][] = [
  ['setup', /^\/setup$/, []],
  ['login', /^\/login$/, []],
  ['projects', /^\/(projects)?$/, []],
  ['project', /^\/projects\/([^/]+)(?:\/([a-z]+))?$/, ['projectId', 'tab']],
  ['document', /^\/documents\/([^/]+)$/, ['documentId']],
  ['users', /^\/admin\/users$/, []],
  ['account', /^\/account$/, []],
  ['help', /^\/help(?:\/([a-z]+))?$/, ['screen']],
];

export function matchRoute(pathname: string, search = ''): Route {
  for (const [name, pattern, keys] of PATTERNS) {
    const match = pattern.exec(pathname);
    if (match) {
      const params: Record<string, string> = {};
      keys.forEach((key, i) => {
        if (match[i + 1] !== undefined) params[key] = decodeURIComponent(match[i + 1]!);
      });
      return { name, params, query: new URLSearchParams(search) };
    }
  }
  return { name: 'not-found', params: {}, query: new URLSearchParams(search) };
}

const listeners = new Set<(route: Route) => void>();

export const currentRoute = () => matchRoute(location.pathname, location.search);

/** Goes to `path` (e.g. `/projects/123`) without reloading. */
export function navigate(path: string, options: { replace?: boolean } = {}) {
  if (path === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  const route = currentRoute();
  listeners.forEach((l) => l(route));
  window.scrollTo(0, 0);
}

export function onRouteChange(listener: (route: Route) => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

window.addEventListener('popstate', () => {
  const route = currentRoute();
  listeners.forEach((l) => l(route));
});

// Same-origin <a href> clicks navigate in place (modifier keys and target=_blank still open tabs).
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
  if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return;
  if (anchor.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
});
