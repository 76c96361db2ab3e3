import { currentUser } from './api/auth';
import { onUnauthenticated } from './api/http';
import type { Me } from './api/types';
import { documentListView } from './views/documentList';
import { h } from './views/dom';
import { loginView } from './views/login';
import { notifyError } from './views/notice';
import { parseRoute } from './views/router';
import { workspaceView } from './views/workspace';
import { revisionView } from './views/revisionView';
import { adminView } from './views/admin';
import { notFoundView } from './views/notFound';
import { installIndonesianMessages } from '../shared/zodMessages';

// The client checks forms with the API's schemas; their messages are in Bahasa Indonesia too.
installIndonesianMessages();

const root = document.getElementById('app') as HTMLElement;
let me: Me | null = null;
let cleanup: (() => void) | void;

function signedOut() {
  me = null;
  render();
}

function render() {
  cleanup?.();
  cleanup = undefined;
  if (!me) {
    loginView(root, (user) => {
      me = user;
      render();
    });
    return;
  }
  const route = parseRoute(location.pathname);
  if (route.name !== 'notFound') document.title = 'Selaras';
  cleanup =
    route.name === 'document'
      ? workspaceView(root, me, route.id, signedOut)
      : route.name === 'revision'
        ? revisionView(root, me, route.id, route.number, signedOut)
        : route.name === 'admin' && me.role === 'admin'
          ? adminView(root, me, signedOut)
          : route.name === 'list'
            ? documentListView(root, me, signedOut)
            : notFoundView(root, me, signedOut);
}

async function start() {
  try {
    me = await currentUser();
  } catch (err) {
    root.replaceChildren(h('p', { class: 'form-error' }, 'Selaras tidak dapat dimuat.'));
    notifyError(err);
    return;
  }
  onUnauthenticated(() => {
    if (me) signedOut();
  });
  window.addEventListener('popstate', render);
  render();
}

void start();
