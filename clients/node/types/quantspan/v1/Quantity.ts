// Original file: proto/quantspan/v1/quantspan.proto

import type { Span as _quantspan_v1_Span, Span__Output as _quantspan_v1_Span__Output } from '../../quantspan/v1/Span';
import type { Kind as _quantspan_v1_Kind, Kind__Output as _quantspan_v1_Kind__Output } from '../../quantspan/v1/Kind';
import type { Modifier as _quantspan_v1_Modifier, Modifier__Output as _quantspan_v1_Modifier__Output } from '../../quantspan/v1/Modifier';
import type { Unit as _quantspan_v1_Unit, Unit__Output as _quantspan_v1_Unit__Output } from '../../quantspan/v1/Unit';
import type { Normalized as _quantspan_v1_Normalized, Normalized__Output as _quantspan_v1_Normalized__Output } from '../../quantspan/v1/Normalized';

/**
 * Quantity is one quantity stated in the text.
 */
export interface Quantity {
  /**
   * The surface text; always equal to the request text sliced by span.
   */
  'text'?: (string);
  /**
   * Where the surface stands in the request text.
   */
  'span'?: (_quantspan_v1_Span | null);
  /**
   * The broad class of the quantity.
   */
  'kind'?: (_quantspan_v1_Kind);
  /**
   * How the stated number bounds the true one.
   */
  'modifier'?: (_quantspan_v1_Modifier);
  /**
   * True for APPROXIMATE, NEARLY and VAGUE, and for hedged ranges and bounds.
   */
  'approximate'?: (boolean);
  /**
   * The stated number in unit; the bound number for one-sided bounds, the centre for
   * TOLERANCE; absent for RANGE and VAGUE.
   */
  'value'?: (number | string);
  /**
   * Lower end of the interval the statement allows; absent when unbounded below.
   */
  'low'?: (number | string);
  /**
   * Upper end of the interval the statement allows; absent when unbounded above.
   */
  'high'?: (number | string);
  /**
   * Whether low belongs to the interval.
   */
  'lowInclusive'?: (boolean);
  /**
   * Whether high belongs to the interval.
   */
  'highInclusive'?: (boolean);
  /**
   * The unit the numbers are stated in.
   */
  'unit'?: (_quantspan_v1_Unit | null);
  /**
   * The numbers in the base unit of the dimension.
   */
  'normalized'?: (_quantspan_v1_Normalized | null);
  /**
   * What is counted or measured, when the text says so: "North Korean troops"; else empty.
   */
  'quantified'?: (string);
  /**
   * Names of the rules that produced this quantity.
   */
  'rules'?: (string)[];
  '_value'?: "value";
  '_low'?: "low";
  '_high'?: "high";
}

/**
 * Quantity is one quantity stated in the text.
 */
export interface Quantity__Output {
  /**
   * The surface text; always equal to the request text sliced by span.
   */
  'text': (string);
  /**
   * Where the surface stands in the request text.
   */
  'span': (_quantspan_v1_Span__Output | null);
  /**
   * The broad class of the quantity.
   */
  'kind': (_quantspan_v1_Kind__Output);
  /**
   * How the stated number bounds the true one.
   */
  'modifier': (_quantspan_v1_Modifier__Output);
  /**
   * True for APPROXIMATE, NEARLY and VAGUE, and for hedged ranges and bounds.
   */
  'approximate': (boolean);
  /**
   * The stated number in unit; the bound number for one-sided bounds, the centre for
   * TOLERANCE; absent for RANGE and VAGUE.
   */
  'value'?: (number);
  /**
   * Lower end of the interval the statement allows; absent when unbounded below.
   */
  'low'?: (number);
  /**
   * Upper end of the interval the statement allows; absent when unbounded above.
   */
  'high'?: (number);
  /**
   * Whether low belongs to the interval.
   */
  'lowInclusive': (boolean);
  /**
   * Whether high belongs to the interval.
   */
  'highInclusive': (boolean);
  /**
   * The unit the numbers are stated in.
   */
  'unit': (_quantspan_v1_Unit__Output | null);
  /**
   * The numbers in the base unit of the dimension.
   */
  'normalized': (_quantspan_v1_Normalized__Output | null);
  /**
   * What is counted or measured, when the text says so: "North Korean troops"; else empty.
   */
  'quantified': (string);
  /**
   * Names of the rules that produced this quantity.
   */
  'rules': (string)[];
  '_value'?: "value";
  '_low'?: "low";
  '_high'?: "high";
}
