/**
 * batch/v1 Job and CronJob validation, mirroring pkg/apis/batch/validation (ValidateJob,
 * validateGeneratedSelector, ValidateJobUpdate, ValidateCronJobCreate/Update, the schedule check).
 * Left out: pod failure / success policies, backoffLimitPerIndex, managedBy, elastic indexed jobs.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { type FieldError, fieldError } from '../../../api/field-errors';
import type { KubeObject } from '../../../api/types';
import { cronParseError } from './cron';
import { nameIsDNSSubdomain } from './names';
import {
  selectorIsEmpty,
  selectorMatches,
  validateImmutable,
  validateLabelSelector,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta';
import { validatePodTemplateSpec } from './pod';
import { asObj, asStringMap, child, num, type Obj, str } from './util';

/** The labels the job strategy adds (batch.kubernetes.io/controller-uid and friends). */
export const jobLabels = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
};

function validateJobSpec(s: Obj, path: string, isTemplate: boolean): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateNonnegative(num(s.parallelism), child(path, 'parallelism')));
  errs.push(...validateNonnegative(num(s.completions), child(path, 'completions')));
  errs.push(...validateNonnegative(num(s.activeDeadlineSeconds), child(path, 'activeDeadlineSeconds')));
  errs.push(...validateNonnegative(num(s.backoffLimit), child(path, 'backoffLimit')));
  errs.push(...validateNonnegative(num(s.ttlSecondsAfterFinished), child(path, 'ttlSecondsAfterFinished')));
  const mode = s.completionMode;
  if (mode !== undefined && mode !== null && mode !== 'NonIndexed' && mode !== 'Indexed')
    errs.push(fieldError.notSupported(child(path, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed') {
    if (s.completions === undefined || s.completions === null)
      errs.push(fieldError.required(child(path, 'completions'), 'when completion mode is Indexed'));
  }
  const prp = s.podReplacementPolicy;
  if (prp !== undefined && prp !== null && prp !== 'TerminatingOrFailed' && prp !== 'Failed')
    errs.push(fieldError.notSupported(child(path, 'podReplacementPolicy'), prp, ['Failed', 'TerminatingOrFailed']));
  if (!isTemplate) {
    if (s.selector === undefined || s.selector === null) errs.push(fieldError.required(child(path, 'selector')));
    else errs.push(...validateLabelSelector(s.selector, child(path, 'selector')));
  }
  const tmpl = asObj(s.template) ?? {};
  const labels = asStringMap(asObj(tmpl.metadata)?.labels);
  if (!isTemplate && s.selector && !selectorIsEmpty(s.selector) && !selectorMatches(s.selector, labels))
    errs.push(fieldError.invalid(child(path, 'template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(s.template, child(path, 'template')));
  const rp = str(asObj(tmpl.spec)?.restartPolicy);
  if (rp !== 'OnFailure' && rp !== 'Never')
    errs.push(fieldError.notSupported(child(path, 'template', 'spec', 'restartPolicy'), rp, ['OnFailure', 'Never']));
  return errs;
}

/** validateGeneratedSelector: without manualSelector the selector and labels must be the generated ones. */
function validateGeneratedSelector(job: KubeObject): FieldError[] {
  const s = asObj(job.spec) ?? {};
  if (s.manualSelector === true) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata?.uid ?? '';
  const tmeta = asObj(asObj(s.template)?.metadata) ?? {};
  const labels = asStringMap(tmeta.labels);
  const mp = 'spec.template.metadata';
  if (tmeta.labels === undefined || tmeta.labels === null) errs.push(fieldError.required(child(mp, 'labels')));
  for (const k of [jobLabels.legacyControllerUid, jobLabels.controllerUid]) {
    if (!(k in labels)) errs.push(fieldError.required(`${mp}.labels[${k}]`, `must be '${uid}'`));
    else if (labels[k] !== uid) errs.push(fieldError.invalid(`${mp}.labels[${k}]`, labels, `must be '${uid}'`));
  }
  if (!uid) errs.push(fieldError.internal('metadata.uid', 'uid for selector unset'));
  const sel = asObj(s.selector);
  const have = asStringMap(sel?.matchLabels);
  if (!sel || Object.keys(have).length !== 1 || have[jobLabels.controllerUid] !== uid || (Array.isArray(sel.matchExpressions) && sel.matchExpressions.length))
    errs.push(fieldError.invalid('spec.selector', s.selector ?? null, '`selector` not auto-generated'));
  return errs;
}

/** ValidateJob on create. The job must have gone through prepareJobForCreate (uid and selector set). */
export function validateJobCreate(job: KubeObject): FieldError[] {
  const errs = validateObjectMeta(job.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  errs.push(...validateGeneratedSelector(job));
  errs.push(...validateJobSpec(asObj(job.spec) ?? {}, 'spec', false));
  return errs;
}

/** ValidateJobUpdate: selector, template (unless suspended) and completions are immutable. */
export function validateJobUpdate(job: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(job.metadata as ObjectMeta, old.metadata as ObjectMeta);
  const s = asObj(job.spec) ?? {};
  const o = asObj(old.spec) ?? {};
  errs.push(...validateJobSpec(s, 'spec', false));
  errs.push(...validateImmutable(s.selector, o.selector, 'spec.selector'));
  if (o.suspend !== true) errs.push(...validateImmutable(s.template, o.template, 'spec.template'));
  if (!(s.completionMode === 'Indexed' && s.completions === s.parallelism && o.completions === o.parallelism))
    errs.push(...validateImmutable(s.completions, o.completions, 'spec.completions'));
  errs.push(...validateImmutable(s.completionMode, o.completionMode, 'spec.completionMode'));
  errs.push(...validateImmutable(s.podFailurePolicy, o.podFailurePolicy, 'spec.podFailurePolicy'));
  return errs;
}

function validateCronJobSpec(s: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = str(s.schedule);
  if (!schedule) errs.push(fieldError.required(child(path, 'schedule')));
  else {
    const e = cronParseError(schedule);
    if (e) errs.push(fieldError.invalid(child(path, 'schedule'), schedule, e));
    if (schedule.includes('TZ'))
      errs.push(fieldError.invalid(child(path, 'schedule'), schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  errs.push(...validateNonnegative(num(s.startingDeadlineSeconds), child(path, 'startingDeadlineSeconds')));
  const cp = str(s.concurrencyPolicy);
  if (!cp) errs.push(fieldError.required(child(path, 'concurrencyPolicy')));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp))
    errs.push(fieldError.notSupported(child(path, 'concurrencyPolicy'), cp, ['Allow', 'Forbid', 'Replace']));
  const jt = asObj(s.jobTemplate) ?? {};
  const jtPath = child(path, 'jobTemplate');
  const jts = asObj(jt.spec) ?? {};
  errs.push(...validateJobSpec(jts, child(jtPath, 'spec'), true));
  if (jts.manualSelector === true)
    errs.push(fieldError.notSupported(child(jtPath, 'spec', 'manualSelector'), true, ['nil', 'false']));
  errs.push(...validateNonnegative(num(s.successfulJobsHistoryLimit), child(path, 'successfulJobsHistoryLimit')));
  errs.push(...validateNonnegative(num(s.failedJobsHistoryLimit), child(path, 'failedJobsHistoryLimit')));
  return errs;
}

/** ValidateCronJobCreate: metadata (name ≤ 52 chars), schedule, job template. */
export function validateCronJobCreate(cj: KubeObject): FieldError[] {
  const errs = validateObjectMeta(cj.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const name = cj.metadata?.name ?? '';
  if (name.length > 52) errs.push(fieldError.invalid('metadata.name', name, 'must be no more than 52 characters'));
  errs.push(...validateCronJobSpec(asObj(cj.spec) ?? {}, 'spec'));
  return errs;
}

/** ValidateCronJobUpdate. */
export function validateCronJobUpdate(cj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(cj.metadata as ObjectMeta, old.metadata as ObjectMeta);
  errs.push(...validateCronJobSpec(asObj(cj.spec) ?? {}, 'spec'));
  return errs;
}
