// Original file: proto/quantspan/v1/quantspan.proto

import type { Quantity as _quantspan_v1_Quantity, Quantity__Output as _quantspan_v1_Quantity__Output } from '../../quantspan/v1/Quantity';
import type { Rejection as _quantspan_v1_Rejection, Rejection__Output as _quantspan_v1_Rejection__Output } from '../../quantspan/v1/Rejection';

/**
 * ExtractResponse carries the quantities found in one text.
 */
export interface ExtractResponse {
  /**
   * The request_id of the request this answers.
   */
  'requestId'?: (string);
  /**
   * The quantities, ordered by span start.
   */
  'quantities'?: (_quantspan_v1_Quantity)[];
  /**
   * Content hash of the rules that produced this response.
   */
  'rulesVersion'?: (string);
  /**
   * Candidates that were dropped and why; only filled when the request set explain.
   */
  'rejections'?: (_quantspan_v1_Rejection)[];
}

/**
 * ExtractResponse carries the quantities found in one text.
 */
export interface ExtractResponse__Output {
  /**
   * The request_id of the request this answers.
   */
  'requestId': (string);
  /**
   * The quantities, ordered by span start.
   */
  'quantities': (_quantspan_v1_Quantity__Output)[];
  /**
   * Content hash of the rules that produced this response.
   */
  'rulesVersion': (string);
  /**
   * Candidates that were dropped and why; only filled when the request set explain.
   */
  'rejections': (_quantspan_v1_Rejection__Output)[];
}
