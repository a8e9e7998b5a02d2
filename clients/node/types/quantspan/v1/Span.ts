// Original file: proto/quantspan/v1/quantspan.proto


/**
 * Span locates a piece of the request text. Every pair is half-open: [start, end).
 */
export interface Span {
  /**
   * Start offset in Unicode code points.
   */
  'start'?: (number);
  /**
   * End offset in Unicode code points, exclusive.
   */
  'end'?: (number);
  /**
   * Start offset in UTF-8 bytes (for Go and Rust clients).
   */
  'utf8Start'?: (number);
  /**
   * End offset in UTF-8 bytes, exclusive.
   */
  'utf8End'?: (number);
  /**
   * Start offset in UTF-16 code units (for JavaScript and Java clients).
   */
  'utf16Start'?: (number);
  /**
   * End offset in UTF-16 code units, exclusive.
   */
  'utf16End'?: (number);
}

/**
 * Span locates a piece of the request text. Every pair is half-open: [start, end).
 */
export interface Span__Output {
  /**
   * Start offset in Unicode code points.
   */
  'start': (number);
  /**
   * End offset in Unicode code points, exclusive.
   */
  'end': (number);
  /**
   * Start offset in UTF-8 bytes (for Go and Rust clients).
   */
  'utf8Start': (number);
  /**
   * End offset in UTF-8 bytes, exclusive.
   */
  'utf8End': (number);
  /**
   * Start offset in UTF-16 code units (for JavaScript and Java clients).
   */
  'utf16Start': (number);
  /**
   * End offset in UTF-16 code units, exclusive.
   */
  'utf16End': (number);
}
