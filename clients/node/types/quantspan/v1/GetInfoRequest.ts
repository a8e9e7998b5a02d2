// Original file: proto/quantspan/v1/quantspan.proto


/**
 * GetInfoRequest asks the server to describe itself.
 */
export interface GetInfoRequest {
}

/**
 * GetInfoRequest asks the server to describe itself.
 */
export interface GetInfoRequest__Output {
}
