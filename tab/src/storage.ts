// The browser's local storage, when the browser lets the tab have it. A tab framed by another site (Teams on the web,
// a Teams dialog) may be refused it — Chromium throws on any access when third-party storage is blocked — and the tab
// must then work on without remembering, not go blank.
function store(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function remembered(key: string): string | null {
  try {
    return store()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function remember(key: string, value: string | null): void {
  try {
    if (value === null) store()?.removeItem(key);
    else store()?.setItem(key, value);
  } catch {
    // Nothing kept: the choice lasts as long as the page.
  }
}
