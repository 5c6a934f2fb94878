// The approval sheet: over every screen while anything waits for an answer, showing the oldest
// request first. It disappears the moment any surface answers (the stream's approval_resolved).
import { api } from '../api.js';
import { h, mount, toast } from '../dom.js';
import { dropApproval, state, subscribe } from '../store.js';
import { readable, summary, toolInput } from './toolinput.js';
import { icon } from '../icons.js';

export function approvalSheet(root) {
  let shownId = null;
  let minimized = false;
  let timer = null;
  let shownTotal = 0;

  /** While the sheet is up the page behind it is inert: no focus, no clicks, no screen reader wandering off. */
  function setBackground(covered) {
    document.body.classList.toggle('sheet-open', covered);
    const app = document.getElementById('app');
    if (app) {
      app.inert = covered;
    }
  }

  function oldest() {
    return [...state.approvals.values()].sort((a, b) => (a.created_at || '').localeCompare(b.created_at || ''));
  }

  function render() {
    const queue = oldest();
    clearInterval(timer);
    if (!queue.length) {
      shownId = null;
      minimized = false;
      mount(root);
      setBackground(false);
      document.title = document.title.replace(/^\(\d+\) /, '');
      return;
    }
    document.title = `(${queue.length}) ${document.title.replace(/^\(\d+\) /, '')}`;
    const a = queue[0];
    const session = state.sessions.get(a.session_id);
    if (minimized) {
      setBackground(false);
      mount(root, h('button', {
        class: 'approval-banner', id: 'approval-banner',
        onclick: () => { minimized = false; render(); },
      }, `⚠ ${queue.length} approval${queue.length > 1 ? 's' : ''} waiting: review`));
      return;
    }
    const fresh = shownId !== a.id;
    shownId = a.id;
    shownTotal = queue.length;
    mount(root, sheet(a, session, queue.length));
    setBackground(true);
    if (fresh) {
      root.querySelector('[data-autofocus]')?.focus();
    }
  }

  function sheet(a, session, total) {
    const reason = h('input', { id: 'deny-reason', placeholder: 'Reason (told to the agent)', 'aria-label': 'Reason for denying' });
    const denyRow = h('form', {
      class: 'deny-row', hidden: true, onsubmit: (e) => {
        e.preventDefault();
        answer(a, { decision: 'deny', reason: reason.value.trim() || undefined });
      },
    }, reason, h('button', { type: 'submit', class: 'danger', id: 'deny-confirm' }, 'Deny'));
    const countdown = h('span', { class: 'countdown' });
    const tick = () => {
      if (!a.expires_at) {
        return;
      }
      const left = Math.max(0, Math.round((Date.parse(a.expires_at) - Date.now()) / 1000));
      countdown.textContent = `denied automatically in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    };
    tick();
    timer = setInterval(tick, 1000);
    const tool = a.tool_name;
    const buttons = tool
      ? [
        h('button', { class: 'primary allow', id: 'allow', 'data-autofocus': true, onclick: () => answer(a, { decision: 'allow' }) }, 'Allow'),
        h('button', { class: 'danger-outline', id: 'deny', onclick: () => { denyRow.hidden = false; reason.focus(); } }, 'Deny…'),
        h('button', { id: 'allow-tool', onclick: () => answer(a, { decision: 'allow', rule: { pattern: tool, scope: 'session', duration: '30m' } }) },
          `Allow ${tool} for 30 min`),
        session?.directory ? h('button', {
          id: 'allow-dir',
          onclick: () => answer(a, { decision: 'allow', rule: { pattern: tool, scope: 'directory', duration: '30m' } }),
        }, 'Allow in this directory for 30 min') : null,
      ]
      : [
        ...(a.options || []).map((opt, i) => h('button', {
          class: i === 0 ? 'primary' : '', 'data-autofocus': i === 0 ? true : null,
          onclick: () => answer(a, { decision: 'allow', choice: opt }),
        }, opt)),
        (a.options || []).length ? null : h('button', { class: 'primary allow', id: 'allow', 'data-autofocus': true,
          onclick: () => answer(a, { decision: 'allow' }) }, 'Allow'),
        h('button', { class: 'danger-outline', id: 'deny', onclick: () => { denyRow.hidden = false; reason.focus(); } }, 'Deny…'),
      ];
    return h('div', { class: 'sheet-backdrop' },
      h('section', { class: 'sheet', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'sheet-title', id: 'approval-sheet', 'data-approval': a.id },
        h('div', { class: 'sheet-head' },
          h('h2', { id: 'sheet-title' }, tool ? `${tool} needs approval` : a.title || 'A question'),
          total > 1 ? h('span', { class: 'badge pending' }, `1 of ${total}`) : null,
          h('button', { class: 'icon', 'aria-label': 'Later (keep waiting)', title: 'Later', onclick: () => { minimized = true; render(); } }, icon('down'))),
        h('p', { class: 'sheet-session' },
          h('a', { href: `#/s/${encodeURIComponent(a.session_id)}` }, session?.name || a.session_id),
          session?.directory ? h('span', { class: 'hint' }, ` · ${session.directory}`) : null),
        tool && !readable(tool, a.tool_input) ? h('p', { class: 'sheet-summary' }, summary(tool, a.tool_input)) : null,
        a.description ? h('p', {}, a.description) : null,
        h('div', { class: 'sheet-body' }, tool ? toolInput(tool, a.tool_input) : null),
        h('div', { class: 'sheet-actions' }, buttons),
        denyRow,
        countdown));
  }

  async function answer(a, body) {
    root.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      await api(`/api/approvals/${encodeURIComponent(a.id)}/decision`, { method: 'POST', body });
      toast(body.decision === 'allow' ? `Allowed ${a.tool_name || body.choice || ''}` : 'Denied');
    } catch (err) {
      if (err.status === 409) {
        toast('Already answered elsewhere');
      } else if (err.status === 404) {
        toast('That request is gone');
      } else {
        toast(err.message, 'error');
        root.querySelectorAll('button').forEach((b) => { b.disabled = false; });
        return;
      }
    }
    dropApproval(a.id);
  }

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && shownId && !minimized) {
      minimized = true;
      render();
    }
  });
  subscribe((kind) => {
    if (kind !== 'approvals' && kind !== 'sessions') {
      return;
    }
    const first = oldest()[0];
    // Re-render only when what is shown changes, so a reason being typed is not wiped.
    if (first && first.id === shownId && state.approvals.size === shownTotal && !minimized) {
      return;
    }
    render();
  });
  render();
}
