// Boot and routing: sign-in when there is no accepted token, the unreachable screen when the server
// does not answer, else the hash routes #/ (sessions), #/new, #/s/ID (a session) and #/s/ID/diff.
import { api, onUnauthorized, token } from './api.js';
import { h } from './dom.js';
import { icon } from './icons.js';
import { enableNotifications, notificationsOn, registerWorker, watchForNotifications } from './push.js';
import * as store from './store.js';
import { approvalSheet } from './views/approval.js';
import { diffView } from './views/diff.js';
import { appBar, sessionList } from './views/list.js';
import { newSession } from './views/newsession.js';
import { sessionView } from './views/session.js';
import { signIn, unreachable } from './views/signin.js';

const root = document.getElementById('app');
let leave = () => {};
let signedIn = false;
let sheetStarted = false;

function signOut(refused) {
  store.stop();
  signedIn = false;
  leave();
  leave = () => {};
  if (!refused) {
    token.clear();
  }
  signIn(root, boot, { refused });
}

function refused() {
  if (signedIn) {
    signOut(true);
  }
}

onUnauthorized(refused);

function actions() {
  const bell = h('button', {
    class: 'icon', id: 'notify', 'aria-label': 'Turn on notifications', title: 'Notifications',
    'aria-pressed': notificationsOn() ? 'true' : 'false',
    onclick: async () => {
      if (await enableNotifications()) {
        bell.setAttribute('aria-pressed', 'true');
      }
    },
  }, icon('bell'));
  const out = h('button', { class: 'icon', id: 'sign-out', 'aria-label': 'Sign out', title: 'Sign out', onclick: () => signOut(false) }, icon('sign-out'));
  return [bell, out];
}

function route() {
  if (!signedIn) {
    return;
  }
  leave();
  window.scrollTo(0, 0);
  const hash = location.hash || '#/';
  let m;
  if ((m = hash.match(/^#\/s\/([^/]+)\/diff$/))) {
    const id = decodeURIComponent(m[1]);
    leave = diffView(root, id, { header: appBar({ back: `#/s/${m[1]}`, title: 'Diff', actions: actions() }) });
  } else if ((m = hash.match(/^#\/s\/([^/]+)$/))) {
    const id = decodeURIComponent(m[1]);
    leave = sessionView(root, id, { header: appBar({ back: '#/', title: 'Session', actions: actions() }) });
  } else if (hash === '#/new') {
    document.title = 'New session · Tether';
    leave = newSession(root, { header: appBar({ back: '#/', title: 'Tether', actions: actions() }) });
  } else {
    document.title = 'Tether';
    leave = sessionList(root, { header: appBar({ title: 'Tether', actions: actions() }) });
  }
  store.state.approvals.size && document.title.startsWith('(') === false
    && (document.title = `(${store.state.approvals.size}) ${document.title}`);
}

async function boot() {
  try {
    // The health check says whether the server wants a token at all (not with --dev on loopback), so a
    // first visit goes straight to sign-in instead of making a refused call.
    const health = await api('/api/health');
    if (health.auth && !token.get()) {
      signIn(root, boot);
      return;
    }
    await api('/api/sessions?limit=1');
  } catch (err) {
    if (err.unauthorized) {
      signIn(root, boot, { refused: Boolean(token.get()) });
      return;
    }
    if (err.unreachable) {
      unreachable(root, boot);
      return;
    }
    throw err;
  }
  try {
    await store.start(refused);
  } catch (err) {
    if (err.unreachable) {
      unreachable(root, boot);
      return;
    }
    throw err;
  }
  signedIn = true;
  if (!sheetStarted) {
    sheetStarted = true;
    approvalSheet(document.getElementById('sheet-root'));
  }
  route();
}

window.addEventListener('hashchange', route);
registerWorker();
watchForNotifications();
boot();
