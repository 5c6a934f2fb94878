// A session's events as a conversation: user prompts, the assistant's markdown, collapsible thinking
// and tool segments, approval cards, errors and state notes. Streamed output is merged into one block.
import { h } from '../dom.js';
import { renderMarkdown } from '../markdown.js';
import { stateLabel } from '../format.js';
import { summary, toolInput } from './toolinput.js';

const TEXT_KINDS = new Set([undefined, null, '', 'step', 'text', 'final', 'assistant', 'message']);

export class Conversation {
  constructor() {
    this.el = h('ol', { class: 'conversation', role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite' });
    this.open = null; // the assistant block still receiving text: {kind, text, body, li}
    this.cards = new Map(); // approval id → status element
    this.pending = false;
  }

  add(ev) {
    const d = ev.data || {};
    switch (ev.type) {
      case 'user_input':
        this.close();
        this.item('user', h('div', { class: 'bubble' }, d.text || ''),
          d.by && d.by !== 'web' ? h('span', { class: 'by' }, `via ${d.by}`) : null);
        break;
      case 'output':
        this.output(d);
        break;
      case 'approval_requested':
        this.close();
        this.approval(d);
        break;
      case 'approval_resolved':
        this.resolved(d);
        break;
      case 'error':
        this.close();
        this.item('error', h('strong', {}, d.code ? `Error (${d.code})` : 'Error'), ' ', d.message || '');
        break;
      case 'interrupt':
        this.close();
        this.note(`Interrupted${d.by ? ` by ${d.by}` : ''}`);
        break;
      case 'state':
        if (['ended', 'error', 'awaiting_input', 'interrupting'].includes(d.state)) {
          this.close();
          this.note(d.state === 'awaiting_input' ? 'Waiting for input' : stateLabel(d.state)
            + (d.reason ? ` (${d.reason})` : ''));
        }
        break;
      case 'session_updated':
        if (d.name) {
          this.note(`Renamed to ${d.name}`);
        }
        if (d.away !== undefined && d.away !== null) {
          this.note(d.away ? 'Away mode on' : 'Away mode off');
        }
        if (d.approval_mode) {
          this.note(`Approval mode: ${d.approval_mode}`);
        }
        break;
      default:
        break;
    }
  }

  output(d) {
    // A final message that repeats what was streamed replaces the streamed block instead of doubling it.
    const text = d.text || '';
    if ((d.kind === 'final' || d.final) && this.open?.kind === 'text' && !d.segments?.length && text
        && text.trim().startsWith(this.open.text.trim())) {
      this.open.text = text;
      this.paint(this.open);
      this.close();
      return;
    }
    if (Array.isArray(d.segments) && d.segments.length) {
      for (const seg of d.segments) {
        this.segment(seg.kind, seg.text || '', seg.label);
      }
    } else {
      this.segment(d.kind, d.text || '', null);
    }
    if (d.final) {
      this.close();
    }
  }

  segment(kind, text, label) {
    const k = TEXT_KINDS.has(kind) ? 'text' : kind;
    if (this.open && this.open.kind === k && k !== 'tool_call' && k !== 'tool_result') {
      this.open.text += text;
      this.paint(this.open);
      return;
    }
    this.close();
    if (k === 'text') {
      const body = h('div', { class: 'assistant-body' });
      const li = this.item('assistant', body);
      this.open = { kind: k, text, body, li };
      this.paint(this.open);
    } else if (k === 'thinking') {
      const body = h('div', { class: 'thinking-body' });
      this.item('thinking', h('details', {}, h('summary', {}, 'Thinking'), body));
      this.open = { kind: k, text, body, plain: true };
      this.paint(this.open);
    } else {
      const title = k === 'tool_call' ? `Tool: ${label || firstLine(text) || 'call'}` : k === 'tool_result'
        ? `Result${label ? `: ${label}` : ''}` : label || k;
      this.item(k === 'tool_call' || k === 'tool_result' ? k.replace('_', '-') : 'other',
        h('details', {}, h('summary', {}, title), h('pre', { class: 'tool-text', tabindex: '0' }, text)));
    }
  }

  paint(block) {
    if (block.plain) {
      block.body.textContent = block.text;
    } else {
      block.body.replaceChildren(renderMarkdown(block.text));
    }
  }

  close() {
    this.open = null;
  }

  approval(d) {
    const status = h('span', { class: 'badge pending' }, 'waiting');
    this.cards.set(d.approval_id, status);
    const what = d.tool_name ? d.tool_name : d.title || 'Question';
    this.item('approval', h('details', { open: true },
      h('summary', {}, h('strong', {}, `${what}`), ' asks: ', summary(d.tool_name, d.tool_input), ' ', status),
      d.tool_name ? toolInput(d.tool_name, d.tool_input) : h('p', {}, d.description || '')));
  }

  resolved(d) {
    const status = this.cards.get(d.approval_id);
    if (!status) {
      return;
    }
    const allowed = d.decision === 'allow' || d.allowed;
    status.className = `badge ${allowed ? 'allowed' : 'denied'}`;
    status.textContent = `${allowed ? 'allowed' : 'denied'}${d.via ? ` · ${d.via}` : ''}`
      + (d.choice ? ` · ${d.choice}` : '') + (d.reason && !allowed ? ` · ${d.reason}` : '');
  }

  note(text) {
    this.item('note', text);
  }

  item(kind, ...children) {
    const li = h('li', { class: `msg ${kind}` }, ...children);
    this.el.appendChild(li);
    return li;
  }
}

function firstLine(text) {
  const line = String(text).split('\n')[0];
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}
