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
   * RPCs served at once per worker; the excess gets RESOURCE_EXHAUSTED.
   */
  'maxConcurrentRpcs'?: (number);
  /**
   * The largest request message accepted, in bytes.
   */
  'maxMessageBytes'?: (number);
  /**
   * The longest time one extraction may take, in milliseconds, whatever the client deadline.
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
   * RPCs served at once per worker; the excess gets RESOURCE_EXHAUSTED.
   */
  'maxConcurrentRpcs': (number);
  /**
   * The largest request message accepted, in bytes.
   */
  'maxMessageBytes': (number);
  /**
   * The longest time one extraction may take, in milliseconds, whatever the client deadline.
   */
  'maxDeadlineMs': (number);
}
