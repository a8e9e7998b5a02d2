// Original file: proto/quantspan/v1/quantspan.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ExtractRequest as _quantspan_v1_ExtractRequest, ExtractRequest__Output as _quantspan_v1_ExtractRequest__Output } from '../../quantspan/v1/ExtractRequest';
import type { ExtractResponse as _quantspan_v1_ExtractResponse, ExtractResponse__Output as _quantspan_v1_ExtractResponse__Output } from '../../quantspan/v1/ExtractResponse';
import type { GetInfoRequest as _quantspan_v1_GetInfoRequest, GetInfoRequest__Output as _quantspan_v1_GetInfoRequest__Output } from '../../quantspan/v1/GetInfoRequest';
import type { GetInfoResponse as _quantspan_v1_GetInfoResponse, GetInfoResponse__Output as _quantspan_v1_GetInfoResponse__Output } from '../../quantspan/v1/GetInfoResponse';

/**
 * QuantityService extracts normalized quantities from text.
 */
export interface QuantityServiceClient extends grpc.Client {
  /**
   * Extract returns every quantity stated in one text, ordered by position.
   */
  Extract(argument: _quantspan_v1_ExtractRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_quantspan_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  Extract(argument: _quantspan_v1_ExtractRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_quantspan_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  Extract(argument: _quantspan_v1_ExtractRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_quantspan_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  Extract(argument: _quantspan_v1_ExtractRequest, callback: grpc.requestCallback<_quantspan_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Extract returns every quantity stated in one text, ordered by position.
   */
  extract(argument: _quantspan_v1_ExtractRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_quantspan_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  extract(argument: _quantspan_v1_ExtractRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_quantspan_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  extract(argument: _quantspan_v1_ExtractRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_quantspan_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  extract(argument: _quantspan_v1_ExtractRequest, callback: grpc.requestCallback<_quantspan_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * ExtractStream extracts many texts over one stream, for bulk jobs. Responses come in
   * request order and each carries the request_id of its request.
   */
  ExtractStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_quantspan_v1_ExtractRequest, _quantspan_v1_ExtractResponse__Output>;
  ExtractStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_quantspan_v1_ExtractRequest, _quantspan_v1_ExtractResponse__Output>;
  /**
   * ExtractStream extracts many texts over one stream, for bulk jobs. Responses come in
   * request order and each carries the request_id of its request.
   */
  extractStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_quantspan_v1_ExtractRequest, _quantspan_v1_ExtractResponse__Output>;
  extractStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_quantspan_v1_ExtractRequest, _quantspan_v1_ExtractResponse__Output>;
  
  /**
   * GetInfo describes the running server: versions, languages, kinds and the limits in force.
   */
  GetInfo(argument: _quantspan_v1_GetInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_quantspan_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  GetInfo(argument: _quantspan_v1_GetInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_quantspan_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  GetInfo(argument: _quantspan_v1_GetInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_quantspan_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  GetInfo(argument: _quantspan_v1_GetInfoRequest, callback: grpc.requestCallback<_quantspan_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  /**
   * GetInfo describes the running server: versions, languages, kinds and the limits in force.
   */
  getInfo(argument: _quantspan_v1_GetInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_quantspan_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  getInfo(argument: _quantspan_v1_GetInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_quantspan_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  getInfo(argument: _quantspan_v1_GetInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_quantspan_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  getInfo(argument: _quantspan_v1_GetInfoRequest, callback: grpc.requestCallback<_quantspan_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * QuantityService extracts normalized quantities from text.
 */
export interface QuantityServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Extract returns every quantity stated in one text, ordered by position.
   */
  Extract: grpc.handleUnaryCall<_quantspan_v1_ExtractRequest__Output, _quantspan_v1_ExtractResponse>;
  
  /**
   * ExtractStream extracts many texts over one stream, for bulk jobs. Responses come in
   * request order and each carries the request_id of its request.
   */
  ExtractStream: grpc.handleBidiStreamingCall<_quantspan_v1_ExtractRequest__Output, _quantspan_v1_ExtractResponse>;
  
  /**
   * GetInfo describes the running server: versions, languages, kinds and the limits in force.
   */
  GetInfo: grpc.handleUnaryCall<_quantspan_v1_GetInfoRequest__Output, _quantspan_v1_GetInfoResponse>;
  
}

export interface QuantityServiceDefinition extends grpc.ServiceDefinition {
  Extract: MethodDefinition<_quantspan_v1_ExtractRequest, _quantspan_v1_ExtractResponse, _quantspan_v1_ExtractRequest__Output, _quantspan_v1_ExtractResponse__Output>
  ExtractStream: MethodDefinition<_quantspan_v1_ExtractRequest, _quantspan_v1_ExtractResponse, _quantspan_v1_ExtractRequest__Output, _quantspan_v1_ExtractResponse__Output>
  GetInfo: MethodDefinition<_quantspan_v1_GetInfoRequest, _quantspan_v1_GetInfoResponse, _quantspan_v1_GetInfoRequest__Output, _quantspan_v1_GetInfoResponse__Output>
}
