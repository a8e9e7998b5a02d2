// Original file: proto/quantspan/v1/quantspan.proto

import type { Span as _quantspan_v1_Span, Span__Output as _quantspan_v1_Span__Output } from '../../quantspan/v1/Span';

/**
 * Rejection is a candidate that looked like a quantity but was dropped.
 */
export interface Rejection {
  /**
   * The surface text of the candidate.
   */
  'text'?: (string);
  /**
   * Where the candidate stands in the request text.
   */
  'span'?: (_quantspan_v1_Span | null);
  /**
   * The name of the rule that rejected it.
   */
  'rule'?: (string);
  /**
   * Why it is not a quantity: "a date", "an identifier", ...
   */
  'reason'?: (string);
}

/**
 * Rejection is a candidate that looked like a quantity but was dropped.
 */
export interface Rejection__Output {
  /**
   * The surface text of the candidate.
   */
  'text': (string);
  /**
   * Where the candidate stands in the request text.
   */
  'span': (_quantspan_v1_Span__Output | null);
  /**
   * The name of the rule that rejected it.
   */
  'rule': (string);
  /**
   * Why it is not a quantity: "a date", "an identifier", ...
   */
  'reason': (string);
}
