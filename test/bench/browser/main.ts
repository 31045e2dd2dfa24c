/**
 * The browser benchmark page: imports every test/bench/browser/*.bench.ts, runs those whose suite id
 * ("browser/<file>") contains the `?filter=` query, and hands each figure to the driver
 * (scripts/bench.mjs exposes `__kubelabBenchReport`) and to the table on the page. When all are done it
 * sets `window.__kubelabBenchDone` = { suites, errors }.
 */
import type { BenchFigure, BenchModule } from '../types';

/** What the page tells the driver when every suite has run. */
export interface BenchDone {
  suites: string[];
  errors: { suite: string; message: string }[];
}

declare global {
  interface Window {
    /** Exposed by the driver (page.exposeFunction); absent when the page is opened by hand. */
    __kubelabBenchReport?: (figure: BenchFigure) => Promise<void>;
    /** Every figure reported so far. */
    __kubelabBenchFigures?: BenchFigure[];
    /** Set when every selected suite has run. */
    __kubelabBenchDone?: BenchDone;
  }
}

const modules = import.meta.glob<BenchModule>('./*.bench.ts');

function suiteId(file: string): string {
  return `browser/${file.replace(/^\.\//, '').replace(/\.bench\.ts$/, '')}`;
}

function addRow(f: BenchFigure): void {
  const row = document.createElement('tr');
  for (const [text, cls] of [
    [f.suite, ''],
    [f.name, ''],
    [Number.isInteger(f.value) ? String(f.value) : f.value.toPrecision(4), 'value'],
    [f.unit, ''],
  ]) {
    const td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    row.append(td);
  }
  document.getElementById('results')?.append(row);
}

async function main(): Promise<void> {
  const filter = new URLSearchParams(location.search).get('filter') ?? '';
  const figures: BenchFigure[] = (window.__kubelabBenchFigures = []);
  const done: BenchDone = { suites: [], errors: [] };
  const status = document.getElementById('status');
  for (const [file, load] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
    const suite = suiteId(file);
    if (filter && !suite.includes(filter)) continue;
    done.suites.push(suite);
    if (status) status.textContent = `running ${suite}…`;
    const pending: Promise<void>[] = [];
    try {
      const mod = await load();
      await mod.run((name, value, unit) => {
        const figure = { suite, name, value, unit };
        figures.push(figure);
        addRow(figure);
        if (window.__kubelabBenchReport) pending.push(window.__kubelabBenchReport(figure));
      });
    } catch (err) {
      done.errors.push({ suite, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
    await Promise.all(pending);
  }
  if (status)
    status.textContent = done.errors.length ? `done, ${done.errors.length} suite(s) failed` : 'done';
  window.__kubelabBenchDone = done;
}

void main();
