/**
 * Label selectors on the client side, as k8s.io/apimachinery/pkg/labels parses and matches them
 * (`app=web,tier!=db`, `env in (prod,staging)`, `!canary`, `release`), plus
 * `metav1.LabelSelectorAsSelector` for `matchLabels`/`matchExpressions`. Leaves out label value
 * validation (the apiserver validates) and the `Gt`/`Lt` operators' node-affinity-only use.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** One requirement of a selector (apimachinery `labels.Requirement`). */
export interface Requirement {
  key: string;
  operator: 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';
  values: string[];
}

/** A parsed label selector: requirements that must all hold. */
export interface Selector {
  /** True when every requirement holds for `labels`. */
  matches(labels: Record<string, string> | undefined): boolean;
  /** True for the selector that matches everything. */
  empty(): boolean;
  /** The canonical text form (what `labelSelector=` carries). */
  toString(): string;
  readonly requirements: readonly Requirement[];
}

function reqMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return has && r.values.includes(v);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(v);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      const n = Number(v);
      const m = Number(r.values[0]);
      if (!Number.isInteger(n) || !Number.isInteger(m)) return false;
      return r.operator === 'gt' ? n > m : n < m;
    }
  }
}

function reqString(r: Requirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${r.values.join(',')})`;
    case 'gt':
      return `${r.key}>${r.values[0]}`;
    case 'lt':
      return `${r.key}<${r.values[0]}`;
    default:
      return `${r.key}${r.operator}${r.values[0]}`;
  }
}

class InternalSelector implements Selector {
  constructor(public readonly requirements: readonly Requirement[]) {}
  matches(labels: Record<string, string> | undefined): boolean {
    const l = labels ?? {};
    return this.requirements.every((r) => reqMatches(r, l));
  }
  empty(): boolean {
    return this.requirements.length === 0;
  }
  toString(): string {
    return this.requirements.map(reqString).join(',');
  }
}

/** The selector that matches every object (`labels.Everything()`). */
export function everything(): Selector {
  return new InternalSelector([]);
}

/** The selector that matches nothing (`labels.Nothing()`, what a nil LabelSelector means). */
export function nothing(): Selector {
  return {
    requirements: [],
    matches: () => false,
    empty: () => false,
    toString: () => '',
  };
}

/** Builds a selector from `{app: 'web'}` (`labels.SelectorFromSet`). */
export function selectorFromSet(set: Record<string, string> | undefined): Selector {
  const keys = Object.keys(set ?? {}).sort();
  return new InternalSelector(keys.map((k) => ({ key: k, operator: '=', values: [set![k]] })));
}

/**
 * Parses the text form: comma-separated requirements `k=v`, `k==v`, `k!=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k`, `!k`, `k>n`, `k<n`. Throws an Error on a syntax error.
 */
export function parseSelector(text: string): Selector {
  const reqs: Requirement[] = [];
  let i = 0;
  const s = text;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const ident = (): string => {
    ws();
    const st = i;
    while (i < s.length && /[A-Za-z0-9._\-/]/.test(s[i])) i++;
    return s.slice(st, i);
  };
  ws();
  if (i >= s.length) return everything();
  for (;;) {
    ws();
    if (s[i] === '!') {
      i++;
      const k = ident();
      if (!k)
        throw new Error(`unable to parse requirement: found '${s.slice(i) || 'EOS'}', expected: identifier`);
      reqs.push({ key: k, operator: '!', values: [] });
    } else {
      const k = ident();
      if (!k)
        throw new Error(`unable to parse requirement: found '${s.slice(i) || 'EOS'}', expected: identifier`);
      ws();
      const rest = s.slice(i);
      let m: RegExpMatchArray | null;
      if (i >= s.length || s[i] === ',') {
        reqs.push({ key: k, operator: 'exists', values: [] });
      } else if ((m = rest.match(/^(==|!=|=|>|<)/))) {
        i += m[1].length;
        const v = ident();
        const op = m[1] === '>' ? 'gt' : m[1] === '<' ? 'lt' : (m[1] as '=' | '==' | '!=');
        reqs.push({ key: k, operator: op, values: [v] });
      } else if ((m = rest.match(/^(notin|in)\s*\(/))) {
        i += m[0].length;
        const vals: string[] = [];
        for (;;) {
          const v = ident();
          vals.push(v);
          ws();
          if (s[i] === ',') {
            i++;
            continue;
          }
          if (s[i] === ')') {
            i++;
            break;
          }
          throw new Error(
            `unable to parse requirement: found '${s.slice(i) || 'EOS'}', expected: ',' or ')'`,
          );
        }
        reqs.push({ key: k, operator: m[1] as 'in' | 'notin', values: vals.sort() });
      } else {
        throw new Error(
          `unable to parse requirement: found '${rest}', expected: in, notin, =, ==, !=, gt, lt`,
        );
      }
    }
    ws();
    if (i >= s.length) break;
    if (s[i] !== ',') throw new Error(`found '${s.slice(i)}', expected: ',' or 'end of string'`);
    i++;
  }
  return new InternalSelector(reqs);
}

/**
 * Converts a `metav1.LabelSelector` (`matchLabels` + `matchExpressions`) as
 * `metav1.LabelSelectorAsSelector` does: undefined matches nothing, `{}` matches everything.
 */
export function fromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (!ls) return nothing();
  const reqs: Requirement[] = [];
  for (const k of Object.keys(ls.matchLabels ?? {}).sort())
    reqs.push({ key: k, operator: '=', values: [ls.matchLabels![k]] });
  for (const e of ls.matchExpressions ?? []) {
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, operator: 'in', values: [...(e.values ?? [])].sort() });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, operator: 'notin', values: [...(e.values ?? [])].sort() });
        break;
      case 'Exists':
        reqs.push({ key: e.key, operator: 'exists', values: [] });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, operator: '!', values: [] });
        break;
      default:
        throw new Error(`"${e.operator}" is not a valid label selector operator`);
    }
  }
  return new InternalSelector(reqs);
}
