/**
 * Builders for column definitions, matching how pkg/printers/internalversion AddHandlers declares them.
 */
import { doc } from './descriptions';
import type { TableColumnDefinition } from './types';

/** A column: name as upstream spells it (kubectl upper-cases it), OpenAPI type, description, priority. */
export function col(
  name: string,
  type: string,
  description: string,
  priority = 0,
  format = '',
): TableColumnDefinition {
  return { name, type, format, description, priority };
}

/** The `Name` column (format `name`). */
export function nameCol(priority = 0): TableColumnDefinition {
  return col('Name', 'string', doc('ObjectMeta.name'), priority, 'name');
}

/** The `Age` column. */
export function ageCol(): TableColumnDefinition {
  return col('Age', 'string', doc('ObjectMeta.creationTimestamp'));
}

/** Wide `Containers` column. */
export function containersCol(priority = 1): TableColumnDefinition {
  return col('Containers', 'string', 'Names of each container in the template.', priority);
}

/** Wide `Images` column. */
export function imagesCol(priority = 1): TableColumnDefinition {
  return col('Images', 'string', 'Images referenced by each container in the template.', priority);
}
