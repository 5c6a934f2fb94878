// The session list: grouped by directory, with state, pending approvals and last activity.
import { api } from '../api.js';
import { h, mount, toast } from '../dom.js';
import { ago, stateLabel } from '../format.js';
import { forget, pendingFor, state, subscribe } from '../store.js';
import { logo } from './signin.js';
import { icon } from '../icons.js';

/** Renders the list into root; returns a function that stops updating it. */
export function sessionList(root, { header }) {
  const body = h('div', { class: 'groups' });
  mount(root, header, h('main', { id: 'main', class: 'page' },
    h('div', { class: 'toolbar' },
      h('h1', {}, 'Sessions'),
      h('a', { class: 'button primary', href: '#/new', id: 'new-session' }, '+ New session')),
    body));

  function render() {
    const groups = new Map();
    const sessions = [...state.sessions.values()]
      .sort((a, b) => (b.updated_at || '').localeCompare(a.updated_at || ''));
    for (const s of sessions) {
      const key = s.directory || '';
      if (!groups.has(key)) {
        groups.set(key, []);
      }
      groups.get(key).push(s);
    }
    if (!sessions.length) {
      mount(body, h('div', { class: 'empty' },
        h('p', {}, 'No sessions yet.'),
        h('p', { class: 'hint' }, 'Start one here, or run ', h('code', {}, 'tether claude'),
          ' in a project: its sessions show up here live.')));
      return;
    }
    mount(body, [...groups].map(([dir, list]) => h('section', { class: 'group' },
      h('h2', { class: 'dir', title: dir || 'no directory' }, h('bdi', {}, dir || 'No directory')),
      h('ul', { class: 'sessions' }, list.map(row)))));
  }

  function row(s) {
    const pending = pendingFor(s.id);
    const del = h('button', {
      class: 'icon danger', 'aria-label': `Delete session ${s.name || s.id}`, title: 'Delete',
      onclick: (e) => confirmDelete(e, s),
    }, icon('close'));
    return h('li', { class: 'session-row', 'data-id': s.id },
      h('a', { class: 'session-link', href: `#/s/${encodeURIComponent(s.id)}` },
        h('span', { class: 'name' }, s.name || s.id),
        h('span', { class: 'meta' },
          h('span', { class: `badge state-${s.state}` }, stateLabel(s.state)),
          pending ? h('span', { class: 'badge pending', 'aria-label': `${pending} pending approvals` },
            `${pending} ⚠`) : null,
          s.away ? h('span', { class: 'badge away' }, 'away') : null,
          h('span', { class: 'when' }, ago(s.updated_at)))),
      del);
  }

  async function confirmDelete(e, s) {
    const button = e.currentTarget;
    if (button.dataset.armed !== 'yes') {
      button.dataset.armed = 'yes';
      button.textContent = 'Delete?';
      button.classList.add('armed');
      setTimeout(() => {
        if (button.isConnected) {
          button.dataset.armed = '';
          button.replaceChildren(icon('close'));
          button.classList.remove('armed');
        }
      }, 4000);
      return;
    }
    try {
      const live = !['ended', 'created', 'error'].includes(s.state);
      await api(`/api/sessions/${encodeURIComponent(s.id)}${live ? '?force=true' : ''}`, { method: 'DELETE' });
      forget(s.id);
      render();
      toast(`Deleted ${s.name || s.id}`);
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  render();
  const tick = setInterval(render, 30000);
  const off = subscribe((kind) => {
    if (kind === 'sessions' || kind === 'approvals') {
      render();
    }
  });
  return () => {
    off();
    clearInterval(tick);
  };
}

/** The app bar shown on every signed-in screen. */
export function appBar({ back, title, actions = [] }) {
  const dot = h('span', { class: `conn conn-${state.connection}`, role: 'status', id: 'connection' },
    state.connection === 'live' ? 'live' : state.connection === 'down' ? 'reconnecting…' : 'connecting…');
  const off = subscribe((kind, value) => {
    if (kind === 'connection') {
      dot.className = `conn conn-${value}`;
      dot.textContent = value === 'live' ? 'live' : value === 'down' ? 'reconnecting…' : 'connecting…';
    }
    if (!dot.isConnected && kind) {
      off();
    }
  });
  return h('header', { class: 'appbar' },
    back ? h('a', { class: 'icon back', href: back, 'aria-label': 'Back' }, icon('back')) : logo(),
    h('span', { class: 'title' }, title),
    dot,
    ...actions);
}
