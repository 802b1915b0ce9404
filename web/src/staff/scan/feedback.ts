/** The scan station's memory in this browser: the session's scans and whether to sound. */

const LOG_KEY = "recto.staff.scans";
const SOUND_KEY = "recto.staff.scan-sound";
const KEEP = 200;

export function readStored<T>(key: string, storage: () => Storage, fallback: T): T {
  try {
    const text = storage().getItem(key);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

function store(key: string, storage: () => Storage, value: unknown): void {
  try {
    storage().setItem(key, JSON.stringify(value));
  } catch {
    // private browsing or a full storage: the page still works, it only forgets on reload
  }
}

// Kept per user: whoever signs in next at a shared station does not see the scans before them.
export const readLog = <T>(user: string): T[] => readStored<T[]>(`${LOG_KEY}.${user}`, () => sessionStorage, []);
export const storeLog = <T>(user: string, entries: T[]): void =>
  store(`${LOG_KEY}.${user}`, () => sessionStorage, entries.slice(0, KEEP));
export const readSound = (): boolean => readStored(SOUND_KEY, () => localStorage, true);
export const storeSound = (on: boolean): void => store(SOUND_KEY, () => localStorage, on);

let audio: AudioContext | null = null;

/**
 * One short high tone for a scan done, two low ones for a scan refused: the operator hears the
 * answer without looking up from the book. The words on the screen say the same.
 */
export function beep(ok: boolean): void {
  try {
    audio ??= new AudioContext();
    const tones = ok ? [0] : [0, 0.22];
    for (const start of tones) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = ok ? "sine" : "square";
      osc.frequency.value = ok ? 880 : 220;
      gain.gain.value = 0.12;
      osc.connect(gain).connect(audio.destination);
      const at = audio.currentTime + start;
      osc.start(at);
      osc.stop(at + (ok ? 0.12 : 0.16));
    }
  } catch {
    // no sound device: the marks and words carry the answer
  }
}
