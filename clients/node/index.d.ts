// Types of index.js. The message types are generated from the proto (types/, `make clients`).
import * as grpc from '@grpc/grpc-js';
import type { Options } from '@grpc/proto-loader';
import type { ProtoGrpcType } from './types/quantspan';
import type { QuantityServiceClient } from './types/quantspan/v1/QuantityService';
import type { ExtractRequest } from './types/quantspan/v1/ExtractRequest';
import type { ExtractResponse__Output } from './types/quantspan/v1/ExtractResponse';
import type { GetInfoResponse__Output } from './types/quantspan/v1/GetInfoResponse';

export * from './types/quantspan';
export type { Quantity__Output as Quantity } from './types/quantspan/v1/Quantity';
export type { Span__Output as Span } from './types/quantspan/v1/Span';
export type { ExtractRequest, ExtractResponse__Output as ExtractResponse, GetInfoResponse__Output as GetInfoResponse };

export interface ClientOptions {
  credentials?: grpc.ChannelCredentials;
  channelOptions?: grpc.ChannelOptions;
  /** Deadline of each call of QuantspanClient, in milliseconds (default 10000). */
  timeoutMs?: number;
}

export const PROTO_DIR: string;
export const PROTO_FILE: string;
export const LOADER_OPTIONS: Readonly<Options>;
export const RETRY_SERVICE_CONFIG: Readonly<Record<string, unknown>>;
export function loadQuantspanV1(): ProtoGrpcType['quantspan']['v1'];
export function createClient(target: string, options?: ClientOptions): QuantityServiceClient;

export class QuantspanClient {
  constructor(target: string, options?: ClientOptions);
  readonly client: QuantityServiceClient;
  readonly timeoutMs: number;
  extract(text: string, request?: Omit<ExtractRequest, 'text'>): Promise<ExtractResponse__Output>;
  info(): Promise<GetInfoResponse__Output>;
  extractMany(texts: string[], request?: Omit<ExtractRequest, 'text' | 'requestId'>): Promise<ExtractResponse__Output[]>;
  close(): void;
}

export { grpc };
