/**
 * Colours and the Cytoscape stylesheet of the graph, per theme. Hop colours are shared with the
 * legend and the animation overlay.
 */
import type { StylesheetJson } from 'cytoscape';
import type { TraceKind } from '../../runtime/trace';
import type { Theme } from '../state/theme.svelte';

/** The colour of each hop kind (same in both themes, chosen to read on both backgrounds). */
export const HOP_COLORS: Record<TraceKind, string> = {
  request: '#3b82f6',
  response: '#14b8a6',
  stage: '#a855f7',
  etcd: '#f59e0b',
  watch: '#22c55e',
  decision: '#ec4899',
  runtime: '#b45309',
  lifecycle: '#94a3b8',
};

/** The colour of each pod phase. */
export const PHASE_COLORS: Record<string, string> = {
  running: '#16a34a',
  pending: '#eab308',
  succeeded: '#64748b',
  failed: '#dc2626',
  terminating: '#f97316',
  unknown: '#a3a3a3',
};

/** Theme colours used by the graph and its overlay. */
export function palette(theme: Theme) {
  return theme === 'dark'
    ? {
        bg: '#15181c',
        text: '#e6e8eb',
        muted: '#9aa4b2',
        box: '#1f242b',
        border: '#3a424d',
        comp: '#326ce5',
        agent: '#26344d',
        edge: '#4b5563',
        labelBg: 'rgba(21,24,28,0.85)',
      }
    : {
        bg: '#f7f8fa',
        text: '#1b1f24',
        muted: '#57606a',
        box: '#ffffff',
        border: '#c8ccd2',
        comp: '#326ce5',
        agent: '#e8eefc',
        edge: '#b6bcc4',
        labelBg: 'rgba(255,255,255,0.9)',
      };
}

/** The Cytoscape stylesheet. */
export function graphStyle(theme: Theme): StylesheetJson {
  const p = palette(theme);
  const phases = Object.entries(PHASE_COLORS).map(([ph, c]) => ({
    selector: `node.phase-${ph}`,
    style: { 'background-color': c },
  }));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 11,
        color: p.text,
        'text-valign': 'center',
        'text-halign': 'center',
        'font-family': 'system-ui, sans-serif',
        // Labels too small to read at the current zoom are not drawn (text is the costliest part).
        'min-zoomed-font-size': 6,
      },
    },
    {
      selector: 'node.component',
      style: {
        shape: 'round-rectangle',
        width: 150,
        height: 40,
        'background-color': p.comp,
        color: '#ffffff',
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node.user',
      style: { shape: 'ellipse', width: 110, height: 40, 'background-color': '#0f766e' },
    },
    { selector: '#etcd', style: { 'background-color': '#419eda' } },
    {
      selector: 'node.manager',
      style: {
        'background-color': p.box,
        'background-opacity': 0.6,
        'border-color': p.comp,
        'border-width': 2,
        color: p.text,
        'text-valign': 'top',
        'text-halign': 'center',
        padding: '10px',
      },
    },
    {
      selector: 'node.controller',
      style: {
        shape: 'round-rectangle',
        width: 92,
        height: 26,
        'font-size': 9,
        'background-color': p.agent,
        color: p.text,
      },
    },
    {
      selector: 'node.plane',
      style: {
        'background-opacity': 0,
        'border-width': 1,
        'border-style': 'dashed',
        'border-color': p.border,
        color: p.muted,
        'text-valign': 'top',
        'text-halign': 'left',
        padding: '16px',
      },
    },
    {
      selector: 'node.pending-box',
      style: {
        'background-opacity': 0.3,
        'background-color': '#eab308',
        'border-width': 1,
        'border-style': 'dashed',
        'border-color': '#eab308',
        color: p.muted,
        'text-valign': 'top',
        padding: '10px',
      },
    },
    {
      selector: 'node.node',
      style: {
        shape: 'round-rectangle',
        'background-color': p.box,
        'border-width': 2,
        'border-color': p.border,
        color: p.text,
        'text-valign': 'top',
        'text-halign': 'center',
        'font-size': 13,
        'font-weight': 'bold',
        padding: '12px',
      },
    },
    { selector: 'node.node.notready', style: { 'border-color': '#dc2626', 'border-style': 'dashed' } },
    { selector: 'node.node.state-stopped', style: { 'background-opacity': 0.35, 'border-style': 'dotted' } },
    { selector: 'node.node.cordoned', style: { 'border-color': '#eab308' } },
    {
      selector: 'node.agent',
      style: {
        shape: 'round-rectangle',
        width: 62,
        height: 26,
        'font-size': 9,
        'background-color': p.agent,
        color: p.text,
      },
    },
    {
      selector: 'node.pod',
      style: {
        shape: 'ellipse',
        width: 22,
        height: 22,
        label: '',
        'border-width': 1,
        'border-color': p.border,
      },
    },
    {
      selector: 'node.pod-group',
      style: {
        shape: 'round-rectangle',
        width: 160,
        height: 26,
        'background-color': '#16a34a',
        color: '#ffffff',
        'font-size': 10,
      },
    },
    ...phases,
    {
      selector: 'node.state-stopped, node.state-failed, node.state-restarting',
      style: { 'background-blacken': 0.4 },
    },
    { selector: 'node.followed', style: { 'border-width': 4, 'border-color': '#ec4899' } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f97316' } },
    {
      selector: 'edge',
      style: { width: 1.5, 'line-color': p.edge, 'curve-style': 'straight', opacity: 0.7 },
    },
    { selector: 'edge.node-edge', style: { width: 1, opacity: 0.35 } },
  ];
}

/** What the graph exposes to tests and the console. */
export interface GraphHandle {
  /** Ids of the drawn graph nodes. */
  ids(): string[];
  /** The parent (compound node) of a graph node, if any. */
  parentOf(id: string): string | undefined;
  /** Frames drawn since load. */
  frames(): number;
  /** Fits the picture to the view. */
  fit(): void;
}
