import { describe, it, expect } from 'vitest';
import { folderSource, globSource, lessonFiles, memorySource, normalizePath } from './source';

describe('sources', () => {
  it.each([
    ['./a//b/../c', 'a/c'],
    ['/lessons/x', 'lessons/x'],
    ['../../etc/passwd', 'etc/passwd'],
    ['a\\b', 'a/b'],
  ])('normalizePath(%s) = %s', (p, want) => expect(normalizePath(p)).toBe(want));

  it('lists entries of a folder from a flat map', async () => {
    const s = memorySource({ 'a/lesson.yaml': 'y', 'a/manifests/x.yaml': 'x', 'b/en.md': 'm' });
    expect(await s.list('')).toEqual(['a', 'b']);
    expect(await s.list('a')).toEqual(['lesson.yaml', 'manifests']);
    expect(await s.read('a/manifests/x.yaml')).toBe('x');
    await expect(s.read('a/nope')).rejects.toThrow('open a/nope: no such file or directory');
  });

  it('strips the /lessons/ root of a Vite glob map', async () => {
    const s = globSource({ '/lessons/01-a/lesson.yaml': async () => 'y', '/lessons/README.md': async () => 'r', '/other/x': async () => 'no' });
    expect(await s.list('')).toEqual(['01-a', 'README.md']);
    expect(await s.read('01-a/lesson.yaml')).toBe('y');
  });

  it('opens a picked folder that is one lesson or a folder of lessons', async () => {
    const f = (p: string, t = p) => ({ webkitRelativePath: p, text: async () => t });
    const one = folderSource([f('my-lesson/lesson.yaml'), f('my-lesson/en.md')]);
    expect(await one.list('')).toEqual(['my-lesson']);
    expect(await one.read('my-lesson/en.md')).toBe('my-lesson/en.md');
    const many = folderSource([f('course/01-a/lesson.yaml'), f('course/02-b/lesson.yaml')]);
    expect(await many.list('')).toEqual(['01-a', '02-b']);
  });

  it('gives kubectl the lesson folder as its file system', async () => {
    const files = lessonFiles(memorySource({ 'l/manifests/a.yaml': 'a', 'l/manifests/sub/b.yml': 'b', 'l/en.md': 'e' }), 'l');
    expect(await files.read('manifests/a.yaml')).toBe('a');
    expect(await files.read('./manifests/../manifests/a.yaml')).toBe('a');
    await expect(files.read('nope.yaml')).rejects.toThrow('open nope.yaml: no such file or directory');
    expect([await files.isDir('manifests'), await files.isDir('manifests/a.yaml'), await files.isDir('nope')]).toEqual([true, false, false]);
    expect(await files.list('manifests', false)).toEqual(['manifests/a.yaml']);
    expect(await files.list('manifests', true)).toEqual(['manifests/a.yaml', 'manifests/sub/b.yml']);
  });
});
