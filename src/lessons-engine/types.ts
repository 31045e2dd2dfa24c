/**
 * The lesson model (lessons/README.md is the contract): lesson.yaml's setup, steps, checks and
 * solutions, and each language file's title, goal, intro and per-step text with hints.
 */

/** A reference to one object. `namespace` defaults to `default` for namespaced kinds. */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

/** `count:` — which objects are counted. */
export interface CountQuery {
  kind: string;
  /** Defaults to `default` for namespaced kinds (as kubectl); `allNamespaces: true` counts across all. */
  namespace?: string;
  allNamespaces?: boolean;
  /** A label selector (kubectl `-l`). */
  selector?: string;
  /** A field selector (kubectl `--field-selector`). */
  fieldSelector?: string;
  /** Only objects whose JSONPath value (as `-o jsonpath=` prints it) equals `equals`. */
  jsonpath?: string;
  equals?: string;
}

/** `event:` — an Event with this reason (and type, object, message). */
export interface EventQuery {
  reason: string;
  type?: string;
  object?: ObjectRef | { kind: string; name: string; namespace?: string };
  /** Namespace to look in; all namespaces when omitted. */
  namespace?: string;
  /** A regular expression the message must match. */
  messageMatches?: string;
}

/** A query about the page's state. */
export type UiQuery = { clockPaused: boolean } | { traceSeen: TraceQuery };

/** A trace entry the learner has looked at. */
export interface TraceQuery {
  kind?: string;
  verb?: string;
  resource?: string;
}

/** A check, as in lessons/README.md "Checks". */
export type Check =
  | {
      type: 'object';
      object: ObjectRef;
      jsonpath: string;
      equals?: string;
      matches?: string;
      notEquals?: string;
      atLeast?: number;
    }
  | { type: 'exists'; ref: ObjectRef }
  | { type: 'absent'; ref: ObjectRef }
  | { type: 'count'; count: CountQuery; equals?: number; atLeast?: number; atMost?: number }
  | { type: 'event'; event: EventQuery }
  | { type: 'ui'; ui: UiQuery }
  | { type: 'all'; checks: Check[] }
  | { type: 'any'; checks: Check[] }
  | { type: 'not'; check: Check };

/** A node of `setup.nodes` given exactly. */
export interface NodeSpec {
  name: string;
  capacity?: Record<string, string>;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
}

/** The cluster a lesson starts from. */
export interface LessonSetup {
  /** Worker nodes besides the control-plane node, or an exact list of nodes. */
  nodes: number | NodeSpec[];
  paused: boolean;
  /** Script commands run once after the cluster is up (as written; may hold here-documents). */
  commands: string[];
}

/** One step of lesson.yaml. */
export interface LessonStep {
  id: string;
  check: Check;
  /** Script commands "show me" runs and the replay test replays. */
  solution: string[];
  /** The check may hold on the untouched starting state (avoid). */
  initiallyPasses: boolean;
}

/** lesson.yaml. */
export interface LessonMeta {
  id: string;
  order: number;
  minutes: number;
  setup: LessonSetup;
  steps: LessonStep[];
}

/** One step's text in one language. */
export interface StepText {
  id: string;
  title: string;
  /** Rendered HTML of the step's body (without hints). */
  html: string;
  /** Rendered HTML of each hint, in order. */
  hints: string[];
}

/** A language file (`en.md`, `zh-CN.md`). */
export interface LessonText {
  lang: string;
  title: string;
  goal: string;
  /** Rendered HTML of the introduction. */
  intro: string;
  /** Steps in file order. */
  steps: StepText[];
}

/** A loaded lesson. */
export interface Lesson {
  /** Folder name under lessons/ (`03-first-pod`). */
  dir: string;
  meta: LessonMeta;
  /** By language code (`en`, `zh-CN`). */
  texts: Record<string, LessonText>;
}
