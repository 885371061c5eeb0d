/**
 * The merchant token, kept in sessionStorage (this tab only, gone when it closes). It arrives in the
 * URL fragment (`/dashboard/#token=XYZ`, never sent to the server or its logs) or from the sign-in form.
 */
import { takeToken } from './url-state.ts';

const KEY = 'kasa.dashboard.token';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage blocked (privacy settings): the token then lives as long as the page.
    return null;
  }
}

/** Moves a token from the URL fragment into storage (and out of the address bar); returns the token. */
export function initialToken(): string | null {
  const { token, hash } = takeToken(window.location.hash);
  if (token) {
    storage()?.setItem(KEY, token);
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${window.location.search}${hash}`,
    );
    return token;
  }
  return storage()?.getItem(KEY) ?? null;
}

export const saveToken = (token: string): void => storage()?.setItem(KEY, token);

export const forgetToken = (): void => storage()?.removeItem(KEY);
