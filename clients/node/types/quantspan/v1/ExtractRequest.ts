// Original file: proto/quantspan/v1/quantspan.proto

import type { Kind as _quantspan_v1_Kind, Kind__Output as _quantspan_v1_Kind__Output } from '../../quantspan/v1/Kind';

/**
 * ExtractRequest asks for the quantities in one text.
 */
export interface ExtractRequest {
  /**
   * The text to read, UTF-8. Empty text is valid and yields no quantities.
   */
  'text'?: (string);
  /**
   * BCP-47 language tag of the text; "" means "en".
   */
  'language'?: (string);
  /**
   * An identifier chosen by the caller, echoed in the response.
   */
  'requestId'?: (string);
  /**
   * Only return quantities of these kinds; empty means all kinds.
   */
  'kinds'?: (_quantspan_v1_Kind)[];
  /**
   * Also return the candidates that were rejected, and why.
   */
  'explain'?: (boolean);
}

/**
 * ExtractRequest asks for the quantities in one text.
 */
export interface ExtractRequest__Output {
  /**
   * The text to read, UTF-8. Empty text is valid and yields no quantities.
   */
  'text': (string);
  /**
   * BCP-47 language tag of the text; "" means "en".
   */
  'language': (string);
  /**
   * An identifier chosen by the caller, echoed in the response.
   */
  'requestId': (string);
  /**
   * Only return quantities of these kinds; empty means all kinds.
   */
  'kinds': (_quantspan_v1_Kind__Output)[];
  /**
   * Also return the candidates that were rejected, and why.
   */
  'explain': (boolean);
}
