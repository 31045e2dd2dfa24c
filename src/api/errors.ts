/**
 * API errors as k8s.io/apimachinery/pkg/api/errors builds them: a `Status` object with code, reason,
 * message and details. `ApiError` carries one through JavaScript `throw`.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { type FieldError, formatFieldError } from './field-errors';

/** StatusReason values used by KubeLab. */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'Unauthorized'
  | 'Expired'
  | 'Gone'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'Timeout'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'RequestEntityTooLarge'
  | 'InsufficientStorage'
  | '';

/** Group-qualified resource, e.g. {group:'apps', resource:'deployments'}. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** `deployments.apps` or `pods` — how messages name a resource. */
export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** An error that carries a Kubernetes Status. */
export class ApiError extends Error {
  constructor(public readonly status: Status) {
    super(status.message ?? 'unknown error');
    this.name = 'ApiError';
  }
  /** HTTP status code. */
  get code(): number {
    return this.status.code ?? 500;
  }
  get reason(): StatusReason {
    return (this.status.reason ?? '') as StatusReason;
  }
}

/** Builds a failure Status. */
export function failureStatus(
  code: number,
  reason: StatusReason,
  message: string,
  details?: Status['details'],
): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}

/** True when `e` is an ApiError with the given reason. */
export function isReason(e: unknown, reason: StatusReason): boolean {
  return e instanceof ApiError && e.reason === reason;
}

/** Status constructors, named after apimachinery's `errors.New*` helpers. */
export const errors = {
  notFound(gr: GroupResource, name: string): ApiError {
    return new ApiError(
      failureStatus(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, {
        name,
        group: gr.group || undefined,
        kind: gr.resource,
      }),
    );
  },
  alreadyExists(gr: GroupResource, name: string): ApiError {
    return new ApiError(
      failureStatus(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, {
        name,
        group: gr.group || undefined,
        kind: gr.resource,
      }),
    );
  },
  conflict(gr: GroupResource, name: string, detail: string): ApiError {
    return new ApiError(
      failureStatus(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${detail}`, {
        name,
        group: gr.group || undefined,
        kind: gr.resource,
      }),
    );
  },
  /** The optimistic-concurrency conflict of an update with a stale resourceVersion. */
  staleConflict(gr: GroupResource, name: string): ApiError {
    return errors.conflict(
      gr,
      name,
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  },
  /** 422: `Pod "x" is invalid: spec.containers[0].image: Required value` (several joined as `[a, b]`). */
  invalid(kind: string, group: string, name: string, errs: FieldError[]): ApiError {
    const msgs = errs.map(formatFieldError);
    const agg = msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
    return new ApiError(
      failureStatus(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${agg}`, {
        name,
        group: group || undefined,
        kind,
        causes: errs.map((e, i) => ({ reason: e.type, message: msgs[i].slice(e.field.length + 2), field: e.field })),
      }),
    );
  },
  badRequest(message: string): ApiError {
    return new ApiError(failureStatus(400, 'BadRequest', message));
  },
  forbidden(gr: GroupResource, name: string, reason: string): ApiError {
    const what = name ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr);
    return new ApiError(
      failureStatus(403, 'Forbidden', `${what} is forbidden: ${reason}`, {
        name: name || undefined,
        group: gr.group || undefined,
        kind: gr.resource,
      }),
    );
  },
  /** 410 on a watch or list from a compacted resourceVersion. */
  expired(message: string): ApiError {
    return new ApiError(failureStatus(410, 'Expired', message));
  },
  gone(message: string): ApiError {
    return new ApiError(failureStatus(410, 'Gone', message));
  },
  methodNotSupported(gr: GroupResource, action: string): ApiError {
    return new ApiError(
      failureStatus(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualifiedResource(gr)}"`, {
        group: gr.group || undefined,
        kind: gr.resource,
      }),
    );
  },
  notFoundPath(): ApiError {
    return new ApiError(failureStatus(404, 'NotFound', 'the server could not find the requested resource'));
  },
  unsupportedMediaType(ct: string): ApiError {
    return new ApiError(failureStatus(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/merge-patch+json, application/strategic-merge-patch+json, application/json-patch+json (got ${ct})`));
  },
  timeout(message: string): ApiError {
    return new ApiError(failureStatus(504, 'Timeout', message));
  },
  internal(message: string): ApiError {
    return new ApiError(failureStatus(500, 'InternalError', `Internal error occurred: ${message}`));
  },
  serviceUnavailable(message: string): ApiError {
    return new ApiError(failureStatus(503, 'ServiceUnavailable', message));
  },
  insufficientStorage(message: string): ApiError {
    return new ApiError(failureStatus(507, 'InsufficientStorage', message));
  },
};

/** Turns anything thrown into a Status (unknown errors become 500 InternalError). */
export function toStatus(e: unknown): Status {
  if (e instanceof ApiError) return e.status;
  const msg = e instanceof Error ? e.message : String(e);
  return failureStatus(500, 'InternalError', `Internal error occurred: ${msg}`);
}
