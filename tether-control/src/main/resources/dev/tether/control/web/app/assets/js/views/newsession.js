// New session: directory, name, first prompt and approval mode.
import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { state } from '../store.js';

export function newSession(root, { header }) {
  const dirs = [...new Set([...state.sessions.values()].map((s) => s.directory).filter(Boolean))];
  const directory = h('input', { id: 'ns-directory', name: 'directory', list: 'ns-dirs', placeholder: '/home/me/project',
    autocomplete: 'off', spellcheck: 'false' });
  const name = h('input', { id: 'ns-name', name: 'name', autocomplete: 'off', placeholder: 'optional' });
  const prompt = h('textarea', { id: 'ns-prompt', name: 'prompt', rows: 4, placeholder: 'What should the agent do? (optional)' });
  const mode = h('select', { id: 'ns-mode', name: 'approval_mode' },
    h('option', { value: 'ask' }, 'Ask for every tool'),
    h('option', { value: 'auto-edits' }, 'Allow edits, ask for the rest'),
    h('option', { value: 'auto' }, 'Allow everything'));
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create session');
  const form = h('form', {
    class: 'card form', onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      const dir = directory.value.trim();
      if (dir && !dir.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(dir)) {
        error.textContent = 'The directory must be an absolute path.';
        directory.focus();
        return;
      }
      submit.disabled = true;
      try {
        const body = { approval_mode: mode.value };
        if (dir) {
          body.directory = dir;
        }
        if (name.value.trim()) {
          body.name = name.value.trim();
        }
        const s = await api('/api/sessions', { method: 'POST', body });
        if (prompt.value.trim()) {
          await api(`/api/sessions/${encodeURIComponent(s.id)}/start`, { method: 'POST', body: { prompt: prompt.value } });
        }
        location.hash = `#/s/${encodeURIComponent(s.id)}`;
      } catch (err) {
        submit.disabled = false;
        error.textContent = err.message;
      }
    },
  },
  h('h1', {}, 'New session'),
  h('label', { for: 'ns-directory' }, 'Directory'), directory,
  h('datalist', { id: 'ns-dirs' }, dirs.map((d) => h('option', { value: d }))),
  h('label', { for: 'ns-name' }, 'Name'), name,
  h('label', { for: 'ns-prompt' }, 'First prompt'), prompt,
  h('label', { for: 'ns-mode' }, 'Approvals'), mode,
  error,
  h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/' }, 'Cancel'), submit));
  mount(root, header, h('main', { id: 'main', class: 'page narrow' }, form));
  directory.focus();
  return () => {};
}
