/**
 * Lesson progress in a key-value store such as the browser's localStorage: one JSON entry per lesson
 * id under `kubelab.lesson.<id>`. Unreadable entries count as no progress.
 */
import type { ProgressStore, SavedProgress } from './runner';

/** The part of the Web Storage API a progress store uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Key prefix of saved progress. */
export const PROGRESS_PREFIX = 'kubelab.lesson.';

/** A ProgressStore over localStorage (or any KeyValueStorage). */
export function storageProgress(storage: KeyValueStorage, prefix = PROGRESS_PREFIX): ProgressStore {
  return {
    load(id) {
      const raw = storage.getItem(prefix + id);
      if (!raw) return undefined;
      try {
        const v = JSON.parse(raw) as Partial<SavedProgress>;
        return {
          started: v.started === true,
          passed: Array.isArray(v.passed) ? v.passed.filter((x): x is string => typeof x === 'string') : [],
          hints:
            v.hints && typeof v.hints === 'object'
              ? Object.fromEntries(
                  Object.entries(v.hints).filter((e): e is [string, number] => typeof e[1] === 'number'),
                )
              : {},
        };
      } catch {
        return undefined;
      }
    },
    save(id, state) {
      try {
        storage.setItem(prefix + id, JSON.stringify(state));
      } catch {
        // Storage full or disabled: progress is then only kept for this page.
      }
    },
  };
}

/** A ProgressStore in memory (tests, private windows). */
export function memoryProgress(): ProgressStore & { data: Map<string, SavedProgress> } {
  const data = new Map<string, SavedProgress>();
  return {
    data,
    load: (id) => data.get(id),
    save: (id, s) => void data.set(id, structuredClone(s)),
  };
}
