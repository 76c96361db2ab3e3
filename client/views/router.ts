/** A screen of the client: mounts into the main area and returns its clean-up function. */
export type Screen = (root: HTMLElement) => (() => void) | void;

/** The route of a path: the document list, a document's workspace or revision, administration, or none. */
export type Route =
  | { name: 'list' }
  | { name: 'admin' }
  | { name: 'notFound' }
  | { name: 'document'; id: string }
  | { name: 'revision'; id: string; number: number };

/** Reads the route from a path. */
export function parseRoute(pathname: string): Route {
  const revision = /^\/documents\/([^/]+)\/revisions\/(\d{1,9})\/?$/.exec(pathname);
  if (revision)
    return { name: 'revision', id: decodeURIComponent(revision[1]), number: Number(revision[2]) };
  const match = /^\/documents\/([^/]+)\/?$/.exec(pathname);
  if (match) return { name: 'document', id: decodeURIComponent(match[1]) };
  if (/^\/admin\/?$/.test(pathname)) return { name: 'admin' };
  return pathname === '/' || pathname === '' ? { name: 'list' } : { name: 'notFound' };
}

/** Changes the URL without reloading and lets the app render the new route. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
