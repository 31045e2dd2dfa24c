/**
 * A `LessonSource` over a folder on disk (Node only: the headless replay test and the CLI). Kept out
 * of source.ts so the browser bundle never imports `node:fs`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizePath, type LessonSource } from './source';

/** Lesson folders under `root` on disk. */
export function diskSource(root: string): LessonSource {
  const abs = (p: string) => path.join(root, normalizePath(p));
  return {
    read: (p) => readFile(abs(p), 'utf8'),
    async list(dir) {
      try {
        return (await readdir(abs(dir))).sort();
      } catch {
        return [];
      }
    },
  };
}
