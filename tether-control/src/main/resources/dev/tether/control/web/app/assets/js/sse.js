// Server-sent events over fetch rather than EventSource, because EventSource cannot send the
// Authorization header (and a token in the URL would end up in logs and history). Resumes after the
// last id it saw with Last-Event-ID, and reconnects with a growing pause.
import { headers } from './api.js';

/**
 * Follows the stream at path. handlers: onEvent({id, type, data}), onOpen(), onDown(error),
 * onUnauthorized(). Returns {close()}.
 */
export function follow(path, handlers, { lastId = null } = {}) {
  let last = lastId;
  let closed = false;
  let controller = null;
  let pause = 500;

  async function connect() {
    while (!closed) {
      controller = new AbortController();
      try {
        const h = headers({ Accept: 'text/event-stream' });
        if (last !== null) {
          h['Last-Event-ID'] = String(last);
        }
        const response = await fetch(path, { headers: h, signal: controller.signal, cache: 'no-store' });
        if (response.status === 401) {
          handlers.onUnauthorized?.();
          return;
        }
        if (response.status === 404) {
          handlers.onGone?.();
          return;
        }
        if (!response.ok || !response.body) {
          throw new Error(`stream answered ${response.status}`);
        }
        handlers.onOpen?.();
        pause = 500;
        await read(response.body);
        if (closed) {
          return;
        }
        handlers.onDown?.(new Error('stream ended'));
      } catch (e) {
        if (closed) {
          return;
        }
        handlers.onDown?.(e);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 10000);
    }
  }

  async function read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { id: null, type: 'message', data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        let line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.endsWith('\r')) {
          line = line.slice(0, -1);
        }
        if (line === '') {
          if (event.data.length) {
            dispatch(event);
          }
          event = { id: null, type: 'message', data: [] };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let val = colon < 0 ? '' : line.slice(colon + 1);
          if (val.startsWith(' ')) {
            val = val.slice(1);
          }
          if (field === 'data') {
            event.data.push(val);
          } else if (field === 'event') {
            event.type = val;
          } else if (field === 'id') {
            event.id = val;
          }
        }
      }
    }
  }

  function dispatch(event) {
    if (event.id !== null) {
      last = Number(event.id);
    }
    let data;
    try {
      data = JSON.parse(event.data.join('\n'));
    } catch {
      return;
    }
    handlers.onEvent({ id: last, type: event.type, envelope: data });
  }

  connect();
  return {
    close() {
      closed = true;
      controller?.abort();
    },
    get lastId() {
      return last;
    },
  };
}
