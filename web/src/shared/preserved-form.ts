import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from "react";

/*
 * Nothing typed is lost when the session ends. A form keeps its state with usePreservedForm
 * instead of useState; when the API answers 401 (api/client.ts announces SESSION_EXPIRED), every
 * form on the page writes its state to sessionStorage under its key, the app sends the patron to
 * sign in with the page as the return address, and the form, mounted again there, starts from
 * what was written (which is then forgotten). sessionStorage stays in this tab and is gone when
 * it closes; passwords never go through here.
 */

export const SESSION_EXPIRED = "recto:session-expired";
const PREFIX = "recto.form.";
const live = new Map<string, () => unknown>();

function read<T>(key: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

/** Writes every mounted form's state (called when the session has ended, before the page changes). */
export function preserveForms(): void {
  for (const [key, get] of live) {
    try {
      sessionStorage.setItem(PREFIX + key, JSON.stringify(get()));
    } catch {
      // storage full or refused: the form is lost as it would have been without this
    }
  }
}

if (typeof window !== "undefined") window.addEventListener(SESSION_EXPIRED, preserveForms);

/**
 * useState that survives an expired session. `key` names the form and what it is about (e.g.
 * "cancel:42", "request:991234"), so a restored state only returns to the same form. The third
 * value says whether the state came back from an expired session.
 */
export function usePreservedForm<T>(key: string, initial: T): [T, Dispatch<SetStateAction<T>>, boolean] {
  const [saved] = useState(() => read<T>(key));
  const [state, setState] = useState<T>(saved ?? initial);
  const current = useRef(state);
  current.current = state;
  useEffect(() => {
    // Read once: a later visit starts afresh.
    try {
      sessionStorage.removeItem(PREFIX + key);
    } catch {
      // nothing stored
    }
    const get = () => current.current;
    live.set(key, get);
    return () => {
      if (live.get(key) === get) live.delete(key);
    };
  }, [key]);
  return [state, setState, saved !== undefined];
}
