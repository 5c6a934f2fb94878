// A deliberately small syntax highlighter: comments, strings, numbers and keywords for the languages
// agents show most. It returns spans with text nodes (no HTML), so it is safe on any input.
import { h } from './dom.js';

const KEYWORDS = {
  js: 'async await break case catch class const continue default delete do else export extends false finally for from function if import in instanceof let new null of return static super switch this throw true try typeof undefined var void while yield',
  java: 'abstract boolean break byte case catch char class const continue default do double else enum extends final finally float for if implements import instanceof int interface long native new null package private protected public record return sealed short static super switch synchronized this throw throws true false try var void volatile while yield permits',
  py: 'and as assert async await break class continue def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return True try while with yield self',
  sh: 'if then else elif fi for while until do done case esac in function return local export set unset echo exit cd source true false',
  go: 'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var nil true false',
  rust: 'as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use where while',
  sql: 'select from where insert into values update set delete create table index drop alter and or not null primary key references join left right inner outer on group by order having limit as distinct',
};
const ALIASES = {
  javascript: 'js', mjs: 'js', ts: 'js', typescript: 'js', tsx: 'js', jsx: 'js', json: 'js',
  kotlin: 'java', kt: 'java', c: 'java', cpp: 'java', 'c++': 'java', cs: 'java', csharp: 'java',
  python: 'py', bash: 'sh', shell: 'sh', zsh: 'sh', console: 'sh', golang: 'go', rs: 'rust',
};
const HASH_COMMENTS = new Set(['py', 'sh']);
const cache = {};

function language(lang) {
  const l = (lang || '').toLowerCase();
  return ALIASES[l] || (KEYWORDS[l] ? l : null);
}

function tokenizer(lang) {
  if (!cache[lang]) {
    const words = KEYWORDS[lang].split(' ').join('|');
    const comment = HASH_COMMENTS.has(lang) ? '#[^\\n]*' : lang === 'sql' ? '--[^\\n]*' : '\\/\\/[^\\n]*|\\/\\*[\\s\\S]*?\\*\\/';
    const flags = lang === 'sql' ? 'giy' : 'gy';
    cache[lang] = new RegExp(
      `(${comment})|("(?:[^"\\\\\\n]|\\\\.)*"|'(?:[^'\\\\\\n]|\\\\.)*'|\`(?:[^\`\\\\]|\\\\.)*\`)|(\\b\\d[\\d_.]*[a-zA-Z]*\\b)|\\b(${words})\\b|([\\s\\S])`,
      flags);
  }
  return cache[lang];
}

/** The code as highlighted nodes (plain text when the language is unknown or the code is large). */
export function highlight(code, lang) {
  const l = language(lang);
  if (!l || code.length > 100000) {
    return [document.createTextNode(code)];
  }
  const re = tokenizer(l);
  re.lastIndex = 0;
  const out = [];
  let plain = '';
  let m;
  while (re.lastIndex < code.length && (m = re.exec(code))) {
    const cls = m[1] ? 'tok-comment' : m[2] ? 'tok-string' : m[3] ? 'tok-number' : m[4] ? 'tok-keyword' : null;
    if (!cls) {
      plain += m[5];
      continue;
    }
    if (plain) {
      out.push(document.createTextNode(plain));
      plain = '';
    }
    out.push(h('span', { class: cls }, m[0]));
  }
  if (plain) {
    out.push(document.createTextNode(plain));
  }
  return out;
}
