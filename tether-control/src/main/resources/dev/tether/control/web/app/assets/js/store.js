// What every view shares: the sessions, the pending approvals and the connection, kept current by one
// stream of all sessions' events (and a full reload whenever that stream reconnects, so nothing missed
// while away stays stale).
import { api } from './api.js';
import { follow } from './sse.js';

export const state = {
  sessions: new Map(),
  approvals: new Map(), // pending only, by approval id
  connection: 'connecting', // connecting | live | down
  loaded: false,
};

const listeners = new Set();

/** Calls listener(kind, detail) on every change: sessions, approvals, connection, event. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(kind, detail) {
  for (const l of [...listeners]) {
    try {
      l(kind, detail);
    } catch (e) {
      console.warn('view update failed', e);
    }
  }
}

let stream = null;
const refreshTimers = new Map();
const deleted = new Set(); // never refetch a deleted session (its 404 would only be noise)

export async function reload() {
  const [page, pending] = await Promise.all([
    api('/api/sessions?limit=500'),
    api('/api/approvals?state=pending'),
  ]);
  state.sessions = new Map(page.sessions.map((s) => [s.id, s]));
  state.approvals = new Map(pending.approvals.map((a) => [a.id, a]));
  state.loaded = true;
  emit('sessions');
  emit('approvals');
}

/** Starts following every session; resolves once the first load is done. */
export async function start(onUnauthorized) {
  stop();
  await reload();
  const { position } = await api('/api/stream/position');
  let first = true;
  stream = follow('/api/stream', {
    onOpen() {
      setConnection('live');
      if (!first) {
        reload().catch(() => {});
      }
      first = false;
    },
    onDown() {
      setConnection('down');
    },
    onUnauthorized,
    onEvent(e) {
      apply(e.envelope);
    },
  }, { lastId: position });
}

export function stop() {
  stream?.close();
  stream = null;
}

function setConnection(value) {
  if (state.connection !== value) {
    state.connection = value;
    emit('connection', value);
  }
}

/** Refetches one session soon (many events in a burst cost one request). */
function refresh(id) {
  if (refreshTimers.has(id) || deleted.has(id)) {
    return;
  }
  refreshTimers.set(id, setTimeout(async () => {
    refreshTimers.delete(id);
    if (deleted.has(id)) {
      return;
    }
    try {
      const s = await api(`/api/sessions/${encodeURIComponent(id)}`);
      const known = state.sessions.get(id);
      // Last activity is the newest event seen, which the stored updated_at may not move for (output).
      if (known && (known.updated_at || '') > (s.updated_at || '')) {
        s.updated_at = known.updated_at;
      }
      state.sessions.set(id, s);
      emit('sessions', id);
    } catch (e) {
      if (e.status === 404) {
        state.sessions.delete(id);
        emit('sessions', id);
      }
    }
  }, 150));
}

function apply(ev) {
  const id = ev.session_id;
  const s = state.sessions.get(id);
  if (s) {
    s.updated_at = ev.ts;
  }
  switch (ev.type) {
    case 'approval_requested': {
      const d = ev.data;
      state.approvals.set(d.approval_id, {
        id: d.approval_id, session_id: id, tool_name: d.tool_name, tool_input: d.tool_input, title: d.title,
        description: d.description, options: d.options || [], expires_at: d.expires_at, created_at: ev.ts,
        status: 'pending',
      });
      emit('approvals', { added: d.approval_id });
      refresh(id);
      break;
    }
    case 'approval_resolved':
      state.approvals.delete(ev.data.approval_id);
      emit('approvals', { removed: ev.data.approval_id });
      refresh(id);
      break;
    case 'session_deleted':
      forget(id);
      for (const [aid, a] of state.approvals) {
        if (a.session_id === id) {
          state.approvals.delete(aid);
        }
      }
      emit('sessions', id);
      emit('approvals', {});
      break;
    default:
      refresh(id);
  }
  emit('event', ev);
}

/** Forgets a deleted session at once (deleted here; the stream's session_deleted follows). */
export function forget(id) {
  deleted.add(id);
  clearTimeout(refreshTimers.get(id));
  refreshTimers.delete(id);
  state.sessions.delete(id);
}

/** Forgets an approval at once (answered here; the stream's approval_resolved follows). */
export function dropApproval(id) {
  if (state.approvals.delete(id)) {
    emit('approvals', { removed: id });
  }
}

export function pendingFor(sessionId) {
  let n = 0;
  for (const a of state.approvals.values()) {
    if (a.session_id === sessionId) {
      n++;
    }
  }
  return n;
}
