// Original file: proto/quantspan/v1/quantspan.proto

import type { Unit as _quantspan_v1_Unit, Unit__Output as _quantspan_v1_Unit__Output } from '../../quantspan/v1/Unit';

/**
 * Normalized restates a quantity's numbers in the base unit of its dimension.
 */
export interface Normalized {
  /**
   * The value in the base unit, when the quantity has one.
   */
  'value'?: (number | string);
  /**
   * The lower end of the interval in the base unit, when bounded below.
   */
  'low'?: (number | string);
  /**
   * The upper end of the interval in the base unit, when bounded above.
   */
  'high'?: (number | string);
  /**
   * The base unit: SI for physical dimensions, the same currency for money, unchanged for
   * counts and percentages.
   */
  'unit'?: (_quantspan_v1_Unit | null);
  '_value'?: "value";
  '_low'?: "low";
  '_high'?: "high";
}

/**
 * Normalized restates a quantity's numbers in the base unit of its dimension.
 */
export interface Normalized__Output {
  /**
   * The value in the base unit, when the quantity has one.
   */
  'value'?: (number);
  /**
   * The lower end of the interval in the base unit, when bounded below.
   */
  'low'?: (number);
  /**
   * The upper end of the interval in the base unit, when bounded above.
   */
  'high'?: (number);
  /**
   * The base unit: SI for physical dimensions, the same currency for money, unchanged for
   * counts and percentages.
   */
  'unit': (_quantspan_v1_Unit__Output | null);
  '_value'?: "value";
  '_low'?: "low";
  '_high'?: "high";
}
