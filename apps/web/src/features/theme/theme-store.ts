import { useSyncExternalStore } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

const storageKey = 'theme';
const darkSchemeQuery = '(prefers-color-scheme: dark)';
const listeners = new Set<() => void>();
let darkSchemeMedia: MediaQueryList | undefined;

// One MediaQueryList for the page: listeners must be removed from the same object they were added to.
function darkScheme(): MediaQueryList {
  darkSchemeMedia ??= window.matchMedia(darkSchemeQuery);
  return darkSchemeMedia;
}

function readPreference(): ThemePreference {
  try {
    const stored = localStorage.getItem(storageKey);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

function systemTheme(): ResolvedTheme {
  return darkScheme().matches ? 'dark' : 'light';
}

export function resolveTheme(preference: ThemePreference, system: ResolvedTheme): ResolvedTheme {
  return preference === 'system' ? system : preference;
}

/** Mirrors the inline script in index.html, which applies the same rule before first paint. */
function applyTheme() {
  const theme = resolveTheme(readPreference(), systemTheme());
  document.documentElement.classList.toggle('dark', theme === 'dark');
}

function notify() {
  applyTheme();
  for (const listener of listeners) listener();
}

export function setThemePreference(preference: ThemePreference) {
  try {
    if (preference === 'system') localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, preference);
  } catch {
    // Storage can be unavailable (private mode): the choice still applies for this page view.
  }
  notify();
}

function notifyOnStoredPreferenceChange(event: StorageEvent) {
  if (event.key === storageKey) notify();
}

/** Follows the OS when it switches, and other tabs when they change the stored preference. */
function subscribe(listener: () => void) {
  listeners.add(listener);
  if (listeners.size === 1) {
    darkScheme().addEventListener('change', notify);
    window.addEventListener('storage', notifyOnStoredPreferenceChange);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      darkScheme().removeEventListener('change', notify);
      window.removeEventListener('storage', notifyOnStoredPreferenceChange);
    }
  };
}

export function useTheme(): { preference: ThemePreference; resolved: ResolvedTheme } {
  const preference = useSyncExternalStore(subscribe, readPreference);
  const system = useSyncExternalStore(subscribe, systemTheme);
  return { preference, resolved: resolveTheme(preference, system) };
}
