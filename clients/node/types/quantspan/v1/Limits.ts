// Original file: proto/quantspan/v1/quantspan.proto


/**
 * Limits lists the limits the server enforces.
 */
export interface Limits {
  /**
   * The longest text accepted, in Unicode code points.
   */
  'maxTextChars'?: (number);
  /**
   * Extract and ExtractStream calls admitted at once per worker; the excess gets
   * RESOURCE_EXHAUSTED. One of them extracts at a time; the others wait their turn.
   */
  'maxConcurrentRpcs'?: (number);
  /**
   * The largest request message accepted, in bytes.
   */
  'maxMessageBytes'?: (number);
  /**
   * The longest time one extraction may take, in milliseconds, waiting for its turn
   * included, whatever the client deadline.
   */
  'maxDeadlineMs'?: (number);
}

/**
 * Limits lists the limits the server enforces.
 */
export interface Limits__Output {
  /**
   * The longest text accepted, in Unicode code points.
   */
  'maxTextChars': (number);
  /**
   * Extract and ExtractStream calls admitted at once per worker; the excess gets
   * RESOURCE_EXHAUSTED. One of them extracts at a time; the others wait their turn.
   */
  'maxConcurrentRpcs': (number);
  /**
   * The largest request message accepted, in bytes.
   */
  'maxMessageBytes': (number);
  /**
   * The longest time one extraction may take, in milliseconds, waiting for its turn
   * included, whatever the client deadline.
   */
  'maxDeadlineMs': (number);
}
