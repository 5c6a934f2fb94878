// One session, live: the conversation from its event stream (resumed by Last-Event-ID), the controls
// (rename, away mode, approval mode, interrupt, diff) and the input box.
import { api } from '../api.js';
import { h, mount, toast } from '../dom.js';
import { stateLabel, usageLine } from '../format.js';
import { state, subscribe } from '../store.js';
import { Conversation } from './conversation.js';
import { icon } from '../icons.js';

const LIVE = new Set(['running', 'awaiting_approval', 'awaiting_input', 'interrupting']);

export function sessionView(root, id, { header }) {
  let session = state.sessions.get(id) || null;
  const path = `/api/sessions/${encodeURIComponent(id)}`;
  const conversation = new Conversation();
  const scroller = h('div', { class: 'scroller' }, conversation.el);

  const title = h('h1', { class: 'session-title', id: 'session-title' }, session?.name || id);
  const renameButton = h('button', { class: 'icon', 'aria-label': 'Rename session', title: 'Rename', onclick: rename }, icon('pencil'));
  const badge = h('span', { class: 'badge', id: 'session-state' });
  const away = h('input', { type: 'checkbox', role: 'switch', id: 'away', onchange: () => patch({ away: away.checked }) });
  const mode = h('select', { id: 'mode', 'aria-label': 'Approval mode', onchange: () => patch({ approval_mode: mode.value }) },
    h('option', { value: 'ask' }, 'Ask'),
    h('option', { value: 'auto-edits' }, 'Auto edits'),
    h('option', { value: 'auto' }, 'Auto'));
  const interrupt = h('button', { class: 'danger', id: 'interrupt', onclick: doInterrupt, title: 'Interrupt the current turn' }, 'Stop');
  const usage = h('span', { class: 'usage', id: 'usage' });
  const dirLine = h('p', { class: 'dir-line' });

  const text = h('textarea', {
    id: 'input', rows: 1, placeholder: 'Message the agent…', 'aria-label': 'Message',
    onkeydown: (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        form.requestSubmit();
      }
    },
    oninput: () => grow(),
  });
  const send = h('button', { type: 'submit', class: 'primary', id: 'send' }, 'Send');
  const form = h('form', { class: 'composer', onsubmit: submit }, text, send);

  mount(root, header,
    h('main', { id: 'main', class: 'session-page' },
      h('div', { class: 'session-head' },
        h('div', { class: 'title-row' }, title, renameButton, badge),
        dirLine,
        h('div', { class: 'controls' },
          h('label', { class: 'switch', for: 'away' }, away, h('span', {}, 'Away')),
          mode,
          h('a', { class: 'button', href: `#/s/${encodeURIComponent(id)}/diff`, id: 'diff-link' }, 'Diff'),
          interrupt)),
      scroller,
      h('footer', { class: 'session-foot' }, usage, form)));

  function grow() {
    text.style.height = 'auto';
    text.style.height = `${Math.min(text.scrollHeight, 200)}px`;
  }

  function show(s) {
    if (!s) {
      return;
    }
    session = s;
    title.textContent = s.name || s.id;
    document.title = `${s.name || s.id} · Tether`;
    badge.className = `badge state-${s.state}`;
    badge.textContent = stateLabel(s.state);
    away.checked = Boolean(s.away);
    mode.value = s.approval_mode || 'ask';
    interrupt.disabled = !(s.state === 'running' || s.state === 'awaiting_approval');
    usage.textContent = usageLine(s.usage);
    dirLine.textContent = s.directory || '';
    send.disabled = s.state === 'ended';
    text.placeholder = s.state === 'ended' ? 'This session has ended' : s.state === 'created'
      ? 'First prompt: starts the session…' : 'Message the agent…';
  }

  async function patch(body) {
    try {
      show(await api(path, { method: 'PATCH', body }));
    } catch (err) {
      toast(err.message, 'error');
      show(session);
    }
  }

  async function rename() {
    const input = h('input', { class: 'rename', value: session?.name || '', 'aria-label': 'New name' });
    let finished = false;
    const done = async (save) => {
      if (finished) {
        return; // replacing the input blurs it, which calls done again
      }
      finished = true;
      input.replaceWith(title);
      renameButton.hidden = false;
      if (save && input.value.trim() && input.value.trim() !== session?.name) {
        await patch({ name: input.value.trim() });
      }
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        done(true);
      } else if (e.key === 'Escape') {
        done(false);
      }
    });
    input.addEventListener('blur', () => done(true));
    title.replaceWith(input);
    renameButton.hidden = true;
    input.focus();
    input.select();
  }

  async function doInterrupt() {
    interrupt.disabled = true;
    try {
      show(await api(`${path}/interrupt`, { method: 'POST', body: {} }));
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  async function submit(e) {
    e.preventDefault();
    const value = text.value;
    if (!value.trim()) {
      return;
    }
    send.disabled = true;
    try {
      if (session && session.state === 'created') {
        show(await api(`${path}/start`, { method: 'POST', body: { prompt: value } }));
      } else {
        await api(`${path}/input`, { method: 'POST', body: { text: value } });
      }
      text.value = '';
      grow();
    } catch (err) {
      toast(err.message, 'error');
    } finally {
      send.disabled = session?.state === 'ended';
    }
  }

  function nearBottom() {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
  }

  // The conversation is the session's log: its history page by page, then live events from the page's one
  // all-sessions stream (a second stream per view would soon exhaust the browser's six HTTP/1.1
  // connections per server with a few tabs open). Events that arrive while the history loads wait in
  // a buffer; a gap in the seqs (never expected) is filled from the history again.
  let last = 0;
  let live = false;
  let closed = false;
  let buffer = [];

  function add(ev, stick) {
    if (ev.seq <= last) {
      return;
    }
    if (ev.seq > last + 1 && live) {
      buffer.push(ev);
      backfill();
      return;
    }
    last = ev.seq;
    if (ev.type === 'session_deleted') {
      closed = true;
      toast('This session was deleted.');
      location.hash = '#/';
      return;
    }
    conversation.add(ev);
    if (stick) {
      scroller.scrollTop = scroller.scrollHeight;
    }
  }

  async function backfill() {
    live = false;
    try {
      for (;;) {
        const { events } = await api(`${path}/events?after=${last}&limit=500`);
        if (closed) {
          return;
        }
        events.forEach((ev) => add(ev, true));
        if (events.length < 500) {
          break;
        }
      }
    } catch (err) {
      if (err.status !== 404) {
        toast(err.message, 'error');
      }
      return;
    }
    live = true;
    const waiting = buffer.sort((a, b) => a.seq - b.seq);
    buffer = [];
    waiting.forEach((ev) => add(ev, true));
  }

  const offEvents = subscribe((kind, ev) => {
    if (kind !== 'event' || ev.session_id !== id || closed) {
      return;
    }
    if (!live) {
      buffer.push(ev);
    } else {
      add(ev, nearBottom());
    }
  });
  backfill();

  const off = subscribe((kind, detail) => {
    if (kind === 'sessions' && state.sessions.has(id)) {
      show(state.sessions.get(id));
    } else if (kind === 'sessions' && state.loaded && !state.sessions.has(id) && detail === id) {
      location.hash = '#/';
    }
  });

  show(session);
  api(path).then(show).catch((err) => {
    if (err.status === 404) {
      toast(`No session ${id}`, 'error');
      location.hash = '#/';
    }
  });
  if (!LIVE.has(session?.state)) {
    text.focus();
  }
  return () => {
    closed = true;
    offEvents();
    off();
  };
}
