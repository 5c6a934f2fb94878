// How a tool call reads to a human: a command as a command, an edit as a diff, a file write as its
// content, anything else as indented JSON. Shared by the approval sheet and the conversation.
import { h } from '../dom.js';
import { codeBlock } from '../markdown.js';

const MAX_SHOWN = 20000;

function clip(text) {
  const s = String(text ?? '');
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}\n… (${s.length - MAX_SHOWN} more characters)` : s;
}

function extension(path) {
  const m = /\.([A-Za-z0-9+]+)$/.exec(path || '');
  return m ? m[1].toLowerCase() : '';
}

/** Whether {@link toolInput} shows this call in a form of its own (so a summary line would repeat it). */
export function readable(tool, input) {
  const i = input && typeof input === 'object' ? input : {};
  return (tool === 'Bash' && typeof i.command === 'string') || (['Edit', 'MultiEdit', 'Write'].includes(tool)
    && typeof i.file_path === 'string');
}

/** One line saying what the tool wants, for cards, titles and notifications. */
export function summary(tool, input) {
  const i = input && typeof input === 'object' ? input : {};
  switch (tool) {
    case 'Bash':
      return i.command ? `$ ${firstLine(i.command)}` : 'run a command';
    case 'Edit': case 'MultiEdit': case 'Write': case 'Read': case 'NotebookEdit':
      return i.file_path || i.notebook_path || tool;
    case 'WebFetch':
      return i.url || 'fetch a page';
    case 'WebSearch':
      return i.query || 'search the web';
    case 'Grep': case 'Glob':
      return i.pattern || tool;
    default: {
      const text = typeof input === 'string' ? input : JSON.stringify(input ?? {});
      return text.length > 120 ? `${text.slice(0, 117)}…` : text;
    }
  }
}

function firstLine(s) {
  const line = String(s).split('\n')[0];
  return line.length > 140 ? `${line.slice(0, 137)}…` : line;
}

/** A unified-looking diff of an edit's old and new text. */
export function editDiff(oldText, newText) {
  const pre = h('pre', { class: 'diff', tabindex: '0' });
  for (const line of String(oldText ?? '').split('\n')) {
    pre.appendChild(h('span', { class: 'del' }, `-${line}\n`));
  }
  for (const line of String(newText ?? '').split('\n')) {
    pre.appendChild(h('span', { class: 'add' }, `+${line}\n`));
  }
  return pre;
}

function field(label, value) {
  return h('p', { class: 'field' }, h('span', { class: 'label' }, label), h('span', { class: 'value' }, String(value)));
}

/** The tool input, rendered for reading on a phone. */
export function toolInput(tool, input) {
  const i = input && typeof input === 'object' ? input : {};
  switch (tool) {
    case 'Bash':
      if (typeof i.command === 'string') {
        return [codeBlock(clip(i.command), 'sh'), i.description ? h('p', { class: 'hint' }, i.description) : null];
      }
      break;
    case 'Edit':
      if (typeof i.file_path === 'string') {
        return [field('File', i.file_path), editDiff(clip(i.old_string), clip(i.new_string)),
          i.replace_all ? h('p', { class: 'hint' }, 'every occurrence') : null];
      }
      break;
    case 'MultiEdit':
      if (typeof i.file_path === 'string' && Array.isArray(i.edits)) {
        return [field('File', i.file_path), ...i.edits.map((e) => editDiff(clip(e.old_string), clip(e.new_string)))];
      }
      break;
    case 'Write':
      if (typeof i.file_path === 'string') {
        return [field('File', i.file_path), codeBlock(clip(i.content), extension(i.file_path))];
      }
      break;
    default:
      break;
  }
  if (input === undefined || input === null) {
    return [];
  }
  return [codeBlock(clip(typeof input === 'string' ? input : JSON.stringify(input, null, 2)), 'json')];
}
