// Original file: proto/quantspan/v1/quantspan.proto

import type { Kind as _quantspan_v1_Kind, Kind__Output as _quantspan_v1_Kind__Output } from '../../quantspan/v1/Kind';
import type { Limits as _quantspan_v1_Limits, Limits__Output as _quantspan_v1_Limits__Output } from '../../quantspan/v1/Limits';

/**
 * GetInfoResponse describes the running server.
 */
export interface GetInfoResponse {
  /**
   * The quantspan version of the server.
   */
  'serverVersion'?: (string);
  /**
   * Content hash of the rules loaded now.
   */
  'rulesVersion'?: (string);
  /**
   * BCP-47 tags of the supported languages.
   */
  'languages'?: (string)[];
  /**
   * The kinds of quantity the server can return.
   */
  'kinds'?: (_quantspan_v1_Kind)[];
  /**
   * The limits in force.
   */
  'limits'?: (_quantspan_v1_Limits | null);
  /**
   * The error of the last failed rules load, empty when the last load succeeded.
   */
  'lastRulesError'?: (string);
  /**
   * The server process that answered, as "HOSTNAME:PID". Every worker process and every
   * replica has its own, so a client can see how its requests spread over them. For
   * diagnostics only: it changes on every restart.
   */
  'instance'?: (string);
}

/**
 * GetInfoResponse describes the running server.
 */
export interface GetInfoResponse__Output {
  /**
   * The quantspan version of the server.
   */
  'serverVersion': (string);
  /**
   * Content hash of the rules loaded now.
   */
  'rulesVersion': (string);
  /**
   * BCP-47 tags of the supported languages.
   */
  'languages': (string)[];
  /**
   * The kinds of quantity the server can return.
   */
  'kinds': (_quantspan_v1_Kind__Output)[];
  /**
   * The limits in force.
   */
  'limits': (_quantspan_v1_Limits__Output | null);
  /**
   * The error of the last failed rules load, empty when the last load succeeded.
   */
  'lastRulesError': (string);
  /**
   * The server process that answered, as "HOSTNAME:PID". Every worker process and every
   * replica has its own, so a client can see how its requests spread over them. For
   * diagnostics only: it changes on every restart.
   */
  'instance': (string);
}
