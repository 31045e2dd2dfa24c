/**
 * Thin adapter over src/api/quantity.ts (resource.Quantity) with the few operations validation uses:
 * a non-throwing parse, comparison, the canonical string, sign and integrality.
 */
import { compare, parseQuantity, quantityToString, sign, toMilliBig, type Quantity } from '../../../api/quantity';

export type { Quantity };

/** Parses a quantity; null when malformed. */
export function parseQuantityExact(input: string | number): Quantity | null {
  try {
    return parseQuantity(input);
  } catch {
    return null;
  }
}

/** Compares two quantities: -1, 0, 1. */
export function cmpQuantity(a: Quantity, b: Quantity): number {
  return compare(a, b);
}

/** The canonical string (Quantity.String()). */
export function formatQuantity(q: Quantity): string {
  return quantityToString(q);
}

/** -1, 0 or 1. */
export function quantitySign(q: Quantity): number {
  return sign(q);
}

/** True when the quantity is a whole number (MilliValue % 1000 == 0). */
export function isWholeQuantity(q: Quantity): boolean {
  return toMilliBig(q) % 1000n === 0n;
}
