/** What the learner selected (a component, or an API object) — read by the inspector and side panel. */

/** A selection. */
export type Selection =
  | { kind: 'component'; name: string }
  | { kind: 'object'; apiVersion: string; objectKind: string; namespace?: string; name: string };

/** The current selection. */
export class SelectionState {
  selected = $state.raw<Selection | undefined>(undefined);

  /** Selects a component. */
  component(name: string): void {
    this.selected = { kind: 'component', name };
  }

  /** Selects an API object. */
  object(apiVersion: string, objectKind: string, name: string, namespace?: string): void {
    this.selected = { kind: 'object', apiVersion, objectKind, name, namespace };
  }

  /** Clears the selection. */
  clear(): void {
    this.selected = undefined;
  }
}
