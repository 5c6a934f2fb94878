// Small formatting helpers shared by the views.

export function ago(iso, now = Date.now()) {
  if (!iso) {
    return '';
  }
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 45) {
    return 'just now';
  }
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)} min ago`;
  }
  if (seconds < 86400) {
    return `${Math.round(seconds / 3600)} h ago`;
  }
  return `${Math.round(seconds / 86400)} d ago`;
}

export function count(n) {
  if (n >= 1e6) {
    return `${(n / 1e6).toFixed(1)}M`;
  }
  if (n >= 1e4) {
    return `${Math.round(n / 1e3)}k`;
  }
  return String(n);
}

export function usageLine(u) {
  if (!u) {
    return '';
  }
  const parts = [`${count(u.input_tokens || 0)} in`, `${count(u.output_tokens || 0)} out`];
  if (u.cache_read_input_tokens) {
    parts.push(`${count(u.cache_read_input_tokens)} cached`);
  }
  if (u.cost_usd) {
    parts.push(`$${Number(u.cost_usd).toFixed(2)}`);
  }
  return parts.join(' · ');
}

export const STATE_LABELS = {
  created: 'created',
  running: 'running',
  awaiting_input: 'needs input',
  awaiting_approval: 'needs approval',
  interrupting: 'stopping',
  ended: 'ended',
  error: 'error',
};

export function stateLabel(state) {
  return STATE_LABELS[state] || state;
}

/** The last path component, for compact headings. */
export function baseName(path) {
  if (!path) {
    return '';
  }
  const parts = path.replace(/\/+$/, '').split('/');
  return parts[parts.length - 1] || path;
}
