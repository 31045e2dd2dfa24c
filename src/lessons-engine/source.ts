/**
 * Where lesson files come from: Vite's `import.meta.glob` bundle, a folder the learner opens in the
 * browser (`<input type="file" webkitdirectory>`), an in-memory map (tests), or the disk in Node
 * (see node-source.ts). All of them are a `LessonSource`; `lessonFiles` turns one lesson folder into
 * the `FileSource` kubectl reads `-f manifests/…` from. No upstream counterpart (KubeLab's own).
 */
import type { FileSource } from '../kubectl/framework/command';

/** Read access to a tree of lesson folders. Paths are `/`-separated and relative to the root (no leading `/`). */
export interface LessonSource {
  /** Contents of a file; rejects when there is no such file. */
  read(path: string): Promise<string>;
  /** Names of the entries (files and folders alike) directly under `dir` (`''` is the root), sorted. */
  list(dir: string): Promise<string[]>;
}

/** Normalizes `./a//b/../c` to `a/c` (never climbs above the root). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** A source over a map of file path → loader (paths relative to the root). */
export function mapSource(files: Record<string, () => Promise<string>>): LessonSource {
  const loaders = new Map<string, () => Promise<string>>();
  for (const [p, load] of Object.entries(files)) loaders.set(normalizePath(p), load);
  return {
    async read(path) {
      const load = loaders.get(normalizePath(path));
      if (!load) throw new Error(`open ${path}: no such file or directory`);
      return load();
    },
    async list(dir) {
      const d = normalizePath(dir);
      const prefix = d === '' ? '' : `${d}/`;
      const names = new Set<string>();
      for (const p of loaders.keys()) {
        if (!p.startsWith(prefix)) continue;
        names.add(p.slice(prefix.length).split('/')[0]);
      }
      return [...names].sort();
    },
  };
}

/** A source over file contents held in memory (tests, small generated lessons). */
export function memorySource(files: Record<string, string>): LessonSource {
  const loaders: Record<string, () => Promise<string>> = {};
  for (const [p, text] of Object.entries(files)) loaders[p] = async () => text;
  return mapSource(loaders);
}

/**
 * A source over Vite's `import.meta.glob('/lessons/…', { query: '?raw', import: 'default' })` map:
 * keys are `/lessons/03-first-pod/en.md`; `root` (default `/lessons/`) is stripped.
 */
export function globSource(modules: Record<string, () => Promise<unknown>>, root = '/lessons/'): LessonSource {
  const loaders: Record<string, () => Promise<string>> = {};
  for (const [key, load] of Object.entries(modules)) {
    if (!key.startsWith(root)) continue;
    loaders[key.slice(root.length)] = async () => String(await load());
  }
  return mapSource(loaders);
}

/** The part of a browser `File` a folder source needs. */
export interface FolderFile {
  /** `webkitRelativePath`: `my-lesson/lesson.yaml` (the chosen folder's name first). */
  webkitRelativePath: string;
  text(): Promise<string>;
}

/**
 * A source over the files of a folder the learner picked. When the picked folder is itself a lesson
 * (it holds `lesson.yaml`), the source's root holds that one folder; when it holds lesson folders,
 * they are the root's entries.
 */
export function folderSource(files: Iterable<FolderFile>): LessonSource {
  const all = [...files];
  const loaders: Record<string, () => Promise<string>> = {};
  const single = all.some((f) => {
    const parts = normalizePath(f.webkitRelativePath).split('/');
    return parts.length === 2 && parts[1] === 'lesson.yaml';
  });
  for (const f of all) {
    const parts = normalizePath(f.webkitRelativePath).split('/');
    const rel = single ? parts.join('/') : parts.slice(1).join('/');
    if (rel) loaders[rel] = () => f.text();
  }
  return mapSource(loaders);
}

/** The files of one lesson folder as kubectl's `FileSource` (`-f manifests/x.yaml` is relative to the folder). */
export function lessonFiles(source: LessonSource, dir: string): FileSource {
  const abs = (p: string) => normalizePath(`${dir}/${p}`);
  const isDir = async (p: string): Promise<boolean> => {
    const a = abs(p);
    if (a === normalizePath(dir) && p !== '' && p !== '.') return true;
    const parent = a.split('/').slice(0, -1).join('/');
    const name = a.split('/').pop() ?? '';
    if (!(await source.list(parent)).includes(name)) return false;
    try {
      await source.read(a);
      return false;
    } catch {
      return true;
    }
  };
  return {
    async read(p) {
      try {
        return await source.read(abs(p));
      } catch {
        throw new Error(`open ${p}: no such file or directory`);
      }
    },
    isDir,
    async list(d, recursive) {
      const out: string[] = [];
      const walk = async (rel: string): Promise<void> => {
        for (const name of await source.list(abs(rel))) {
          const child = rel === '' || rel === '.' ? name : `${rel.replace(/\/$/, '')}/${name}`;
          if (await isDir(child)) {
            if (recursive) await walk(child);
          } else out.push(child);
        }
      };
      await walk(d);
      return out.sort();
    },
  };
}
