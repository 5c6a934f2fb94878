// The git changes in a session's directory, one collapsible section per file.
import { api } from '../api.js';
import { h, mount } from '../dom.js';

export function diffView(root, id, { header }) {
  const body = h('div', { class: 'diff-files', 'aria-busy': 'true' }, h('p', { class: 'hint' }, 'Loading the diff…'));
  const tools = h('div', { class: 'toolbar' },
    h('h1', {}, 'Changes'),
    h('a', { class: 'button', href: `#/s/${encodeURIComponent(id)}` }, 'Conversation'),
    h('button', { id: 'expand-all', onclick: () => setAll(true) }, 'Expand all'),
    h('button', { id: 'collapse-all', onclick: () => setAll(false) }, 'Collapse all'),
    h('button', { onclick: load }, 'Refresh'));
  mount(root, header, h('main', { id: 'main', class: 'page wide' }, tools, body));

  function setAll(open) {
    body.querySelectorAll('details').forEach((d) => { d.open = open; });
  }

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      const diff = await api(`/api/sessions/${encodeURIComponent(id)}/diff`);
      render(diff);
    } catch (err) {
      mount(body, h('p', { class: 'form-error', role: 'alert' }, err.message));
    }
    body.removeAttribute('aria-busy');
  }

  function render(diff) {
    if (!diff.git) {
      mount(body, h('p', { class: 'empty' }, `${diff.directory}: ${diff.message || 'not a git work tree'}`));
      return;
    }
    if (!diff.files.length) {
      mount(body, h('p', { class: 'empty' }, `No changes in ${diff.directory} since ${diff.base === 'HEAD' ? 'the last commit' : 'the repository was created'}.`));
      return;
    }
    const add = diff.files.reduce((n, f) => n + f.additions, 0);
    const del = diff.files.reduce((n, f) => n + f.deletions, 0);
    mount(body,
      h('p', { class: 'diff-summary' }, `${diff.files.length} file${diff.files.length > 1 ? 's' : ''} · `,
        h('span', { class: 'plus' }, `+${add}`), ' ', h('span', { class: 'minus' }, `−${del}`),
        diff.truncated ? ' · truncated (too large)' : ''),
      diff.files.map((f) => h('details', { class: 'file', open: diff.files.length <= 8 },
        h('summary', {},
          h('span', { class: `badge file-${f.status}` }, f.status),
          h('span', { class: 'path' }, f.old_path ? `${f.old_path} → ${f.path}` : f.path),
          h('span', { class: 'counts' }, h('span', { class: 'plus' }, `+${f.additions}`), ' ',
            h('span', { class: 'minus' }, `−${f.deletions}`))),
        f.binary ? h('p', { class: 'hint' }, 'Binary or large file') : patch(f.patch))));
  }

  function patch(text) {
    const pre = h('pre', { class: 'diff', tabindex: '0' });
    for (const line of text.replace(/\n$/, '').split('\n')) {
      if (/^(diff --git|index |--- |\+\+\+ |new file mode|deleted file mode|similarity|rename )/.test(line)) {
        continue;
      }
      const cls = line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'ctx';
      pre.appendChild(h('span', { class: cls }, `${line}\n`));
    }
    return pre;
  }

  load();
  return () => {};
}
