// Sign-in with the server's token, and the screen shown while the server cannot be reached.
import { api, token } from '../api.js';
import { h, mount } from '../dom.js';

/** Shows the sign-in form; calls done() once a token is accepted. */
export function signIn(root, done, { refused = false } = {}) {
  const input = h('input', {
    id: 'token', type: 'password', autocomplete: 'current-password', spellcheck: 'false',
    required: true, 'aria-describedby': 'token-help',
  });
  const error = h('p', { class: 'form-error', id: 'signin-error', role: 'alert' },
    refused ? 'The saved token was refused by the server. Enter the current one.' : '');
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', {
    class: 'card signin', onsubmit: async (e) => {
      e.preventDefault();
      const value = input.value.trim();
      if (!value) {
        error.textContent = 'Enter the token.';
        return;
      }
      button.disabled = true;
      error.textContent = '';
      try {
        await api('/api/sessions?limit=1', { tokenOverride: value });
        token.set(value);
        done();
      } catch (err) {
        button.disabled = false;
        error.textContent = err.unauthorized ? 'Wrong token: the server refused it.'
          : err.unreachable ? 'The server cannot be reached. Is tether serve running?'
            : err.message;
        input.select();
      }
    },
  },
  h('h1', {}, logo(), 'Tether'),
  h('p', {}, 'Supervise and answer your coding agents.'),
  h('label', { for: 'token' }, 'Server token'),
  input,
  h('p', { class: 'hint', id: 'token-help' }, 'Printed by ', h('code', {}, 'tether init'),
    '; also in ', h('code', {}, '~/.tether/config'), ' or ', h('code', {}, 'TETHER_TOKEN'),
    '. It stays in this browser only.'),
  error,
  button);
  mount(root, h('main', { id: 'main', class: 'center' }, form));
  input.focus();
}

/** Shows that the server is unreachable; retries on its own and on the button. */
export function unreachable(root, retry) {
  let seconds = 5;
  const counter = h('span', {}, String(seconds));
  const button = h('button', { class: 'primary', onclick: () => { clearInterval(timer); retry(); } }, 'Retry now');
  mount(root, h('main', { id: 'main', class: 'center' }, h('div', { class: 'card', role: 'alert' },
    h('h1', {}, logo(), 'Server unreachable'),
    h('p', {}, `Tether at ${location.host} does not answer. It may be stopped, or this device offline.`),
    h('p', { class: 'hint' }, 'Trying again in ', counter, ' s…'),
    button)));
  button.focus();
  const timer = setInterval(() => {
    seconds -= 1;
    counter.textContent = String(Math.max(seconds, 0));
    if (seconds <= 0) {
      clearInterval(timer);
      retry();
    }
  }, 1000);
  return () => clearInterval(timer);
}

export function logo() {
  return h('img', { class: 'logo', src: '/assets/icons/icon.svg', alt: '', width: 28, height: 28 });
}
