/** A screen of the client: mounts into the main area and returns its clean-up function. */
export type Screen = (root: HTMLElement) => (() => void) | void;

/** The route of a path: the document list or one document's workspace. */
export type Route =
  | { name: 'list' }
  | { name: 'document'; id: string }
  | { name: 'revision'; id: string; number: number };

/** Reads the route from a path. */
export function parseRoute(pathname: string): Route {
  const revision = /^\/documents\/([^/]+)\/revisions\/(\d{1,9})\/?$/.exec(pathname);
  if (revision)
    return { name: 'revision', id: decodeURIComponent(revision[1]), number: Number(revision[2]) };
  const match = /^\/documents\/([^/]+)\/?$/.exec(pathname);
  return match ? { name: 'document', id: decodeURIComponent(match[1]) } : { name: 'list' };
}

/** Changes the URL without reloading and lets the app render the new route. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
