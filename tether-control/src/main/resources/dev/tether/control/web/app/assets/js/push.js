// Notifications: Web Push through the service worker when the browser can (the server sends them when
// an approval or input is needed, even with the page closed), else the page's own Notification API
// while it is open in the background.
import { api } from './api.js';
import { toast } from './dom.js';
import { subscribe, state } from './store.js';
import { summary } from './views/toolinput.js';

let registration = null;
let pushActive = false;

export async function registerWorker() {
  if (!('serviceWorker' in navigator)) {
    return;
  }
  try {
    registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    if ('PushManager' in window) {
      pushActive = Boolean(await registration.pushManager.getSubscription());
    }
  } catch (e) {
    console.warn('service worker not registered:', e.message);
  }
}

export function notificationsOn() {
  return 'Notification' in window && Notification.permission === 'granted';
}

function base64UrlToBytes(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** Asks for permission and subscribes this browser to Web Push; falls back to in-page notifications. */
export async function enableNotifications() {
  if (!('Notification' in window)) {
    toast('This browser cannot show notifications.', 'error');
    return false;
  }
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    toast('Notifications were not allowed.', 'error');
    return false;
  }
  if (registration && 'PushManager' in window) {
    try {
      const { public_key: key } = await api('/api/push/key');
      let sub = await registration.pushManager.getSubscription();
      if (!sub) {
        sub = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(key) });
      }
      await api('/api/push/subscriptions', { method: 'POST', body: sub.toJSON() });
      pushActive = true;
      toast('Notifications on: you will hear about approvals even with this page closed.');
      return true;
    } catch (e) {
      console.warn('push subscription failed:', e.message);
    }
  }
  toast('Notifications on while this page is open.');
  return true;
}

/** Shows in-page notifications for new approvals while the page is hidden (when push is not on). */
export function watchForNotifications() {
  subscribe((kind, detail) => {
    if (kind !== 'approvals' || !detail?.added || pushActive || !notificationsOn() || !document.hidden) {
      return;
    }
    const a = state.approvals.get(detail.added);
    if (!a) {
      return;
    }
    const session = state.sessions.get(a.session_id);
    const n = new Notification(`${a.tool_name || a.title || 'Approval'} needs approval`, {
      body: `${session?.name || a.session_id}: ${summary(a.tool_name, a.tool_input)}`,
      tag: a.id,
      icon: '/assets/icons/icon-192.png',
    });
    n.onclick = () => {
      window.focus();
      location.hash = `#/s/${encodeURIComponent(a.session_id)}`;
      n.close();
    };
  });
}
