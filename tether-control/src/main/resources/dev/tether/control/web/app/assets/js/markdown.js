// A small Markdown renderer that builds DOM nodes, never HTML, so an agent's text cannot inject markup.
// Covers what agents write: headings, paragraphs, fenced code (highlighted), lists, quotes, rules,
// tables (shown as preformatted text), and inline code, bold, italics and http(s) links.
import { h } from './dom.js';
import { highlight } from './highlight.js';

export function renderMarkdown(text) {
  const root = h('div', { class: 'md' });
  const lines = String(text || '').replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const fence = line.match(/^\s*(```+|~~~+)\s*([\w+#.-]*)/);
    if (fence) {
      const body = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) {
        body.push(lines[i]);
        i++;
      }
      i++;
      root.appendChild(codeBlock(body.join('\n'), fence[2]));
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    if (heading) {
      const level = Math.min(6, heading[1].length + 2);
      root.appendChild(h(`h${level}`, {}, inline(heading[2])));
      i++;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      root.appendChild(h('hr'));
      i++;
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) {
        body.push(lines[i].replace(/^\s*>\s?/, ''));
        i++;
      }
      const quote = renderMarkdown(body.join('\n'));
      root.appendChild(h('blockquote', {}, [...quote.childNodes]));
      continue;
    }
    const item = line.match(/^(\s*)([-*+]|\d+[.)])\s+/);
    if (item) {
      const ordered = /\d/.test(item[2]);
      const list = h(ordered ? 'ol' : 'ul');
      while (i < lines.length) {
        const m = lines[i].match(/^(\s*)([-*+]|\d+[.)])\s+(.*)$/);
        if (m && /\d/.test(m[2]) === ordered) {
          const li = h('li', {}, inline(m[3]));
          list.appendChild(li);
          i++;
        } else if (lines[i].trim() && /^\s{2,}/.test(lines[i]) && list.lastChild) {
          list.lastChild.append(' ', ...inline(lines[i].trim()));
          i++;
        } else {
          break;
        }
      }
      root.appendChild(list);
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line)) {
      const body = [];
      while (i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i])) {
        body.push(lines[i]);
        i++;
      }
      root.appendChild(h('pre', { class: 'table' }, body.join('\n')));
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() && !/^\s*(```|~~~|#{1,6}\s|>|([-*+]|\d+[.)])\s)/.test(lines[i])) {
      para.push(lines[i].trim());
      i++;
    }
    if (!para.length) {
      para.push(line.trim());
      i++;
    }
    root.appendChild(h('p', {}, inline(para.join('\n'))));
  }
  return root;
}

export function codeBlock(code, lang) {
  return h('pre', { class: 'code', 'data-lang': lang || null, tabindex: '0' }, h('code', {}, highlight(code, lang)));
}

const INLINE = /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([^*\n][\s\S]*?)\*\*|__([^_\n][\s\S]*?)__|\*([^*\s][^*\n]*?)\*|(^|[^\w])_([^_\s][^_\n]*?)_(?!\w)|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/;

/** Inline markup as a list of nodes. */
export function inline(text) {
  const out = [];
  let rest = text;
  while (rest) {
    const m = rest.match(INLINE);
    if (!m) {
      pushText(out, rest);
      break;
    }
    const before = rest.slice(0, m.index) + (m[6] !== undefined ? m[6] : '');
    pushText(out, before);
    if (m[2] !== undefined) {
      out.push(h('code', {}, m[2].trim() ? m[2] : m[2]));
    } else if (m[3] !== undefined || m[4] !== undefined) {
      out.push(h('strong', {}, inline(m[3] ?? m[4])));
    } else if (m[5] !== undefined || m[7] !== undefined) {
      out.push(h('em', {}, inline(m[5] ?? m[7])));
    } else if (m[8] !== undefined) {
      out.push(h('a', { href: m[9], target: '_blank', rel: 'noopener noreferrer' }, m[8]));
    } else if (m[10] !== undefined) {
      out.push(h('a', { href: m[10], target: '_blank', rel: 'noopener noreferrer' }, m[10]));
    }
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

function pushText(out, text) {
  if (!text) {
    return;
  }
  const parts = text.split('\n');
  parts.forEach((p, idx) => {
    if (idx > 0) {
      out.push(h('br'));
    }
    if (p) {
      out.push(document.createTextNode(p));
    }
  });
}
