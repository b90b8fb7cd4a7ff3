/**
 * The smoke-test child process, as source text run with `node -e`: plain JavaScript works the
 * same under tsx, vitest and a bundled server (a script *file* in .ts would need a loader).
 *
 * React is required before the browser shims exist, so its environment checks still see a
 * server; the shims then let app code touch `window`, `document` or `localStorage` during its
 * first render (initial state read from storage) without failing for reasons a browser wouldn't.
 */
export const renderChildSource = String.raw`
const { createRequire } = require('node:module');
const appRequire = createRequire(process.argv[1]);
const modules = {
  react: appRequire('react'),
  'react/jsx-runtime': appRequire('react/jsx-runtime'),
  'react-dom': appRequire('react-dom'),
  'react-dom/server': appRequire('react-dom/server'),
};
const lazyModules = new Set(['react-dom/client', 'react/jsx-dev-runtime']);

const noop = () => {};
const entries = new Map();
const storage = {
  getItem: (key) => (entries.has(String(key)) ? entries.get(String(key)) : null),
  setItem: (key, value) => void entries.set(String(key), String(value)),
  removeItem: (key) => void entries.delete(String(key)),
  clear: () => entries.clear(),
  key: (index) => [...entries.keys()][index] ?? null,
  get length() { return entries.size; },
};
const fakeElement = () => ({
  style: {}, dataset: {}, children: [], setAttribute: noop, removeAttribute: noop, getAttribute: () => null,
  appendChild: noop, removeChild: noop, addEventListener: noop, removeEventListener: noop, focus: noop, click: noop,
  classList: { add: noop, remove: noop, toggle: noop, contains: () => false },
});
const define = (name, value) => {
  if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
};
define('window', globalThis);
define('localStorage', storage);
define('sessionStorage', { ...storage });
define('document', {
  createElement: fakeElement, getElementById: () => null, querySelector: () => null, querySelectorAll: () => [],
  addEventListener: noop, removeEventListener: noop, body: fakeElement(), documentElement: fakeElement(), title: '',
});
define('location', { href: 'http://localhost/', origin: 'http://localhost', pathname: '/', search: '', hash: '' });
define('matchMedia', () => ({ matches: false, media: '', addEventListener: noop, removeEventListener: noop, addListener: noop, removeListener: noop }));
define('addEventListener', noop);
define('removeEventListener', noop);
define('alert', noop);
define('confirm', () => false);
define('prompt', () => null);
define('requestAnimationFrame', (callback) => setTimeout(() => callback(Date.now()), 16));
define('cancelAnimationFrame', (handle) => clearTimeout(handle));

// The parent starts the render's time limit once "started" is delivered: Node's start-up and
// loading React are not the app's fault. Waiting for the send callback matters, because an app
// that loops forever blocks this process before a queued message would go out.
process.once('message', (job) => {
  process.send({ started: true }, () => {
    const reply = run(job.code);
    process.send(reply, () => process.exit(0));
  });
});

function run(code) {
try {
  const module = { exports: {} };
  const load = new Function('module', 'exports', 'require', code + '\n//# sourceURL=generated-app.js');
  load(module, module.exports, (id) => {
    if (id in modules) return modules[id];
    if (lazyModules.has(id)) return appRequire(id);
    throw new Error('Cannot use "' + id + '" here');
  });
  const html = module.exports.render();
  return { ok: true, htmlLength: html.length };
} catch (error) {
  const message = error instanceof Error ? error.name + ': ' + error.message : 'Threw a non-error value: ' + String(error);
  return { ok: false, message, stack: error instanceof Error ? String(error.stack) : '' };
}
}
`;
