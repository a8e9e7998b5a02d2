import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ExtractRequest as _quantspan_v1_ExtractRequest, ExtractRequest__Output as _quantspan_v1_ExtractRequest__Output } from './quantspan/v1/ExtractRequest';
import type { ExtractResponse as _quantspan_v1_ExtractResponse, ExtractResponse__Output as _quantspan_v1_ExtractResponse__Output } from './quantspan/v1/ExtractResponse';
import type { GetInfoRequest as _quantspan_v1_GetInfoRequest, GetInfoRequest__Output as _quantspan_v1_GetInfoRequest__Output } from './quantspan/v1/GetInfoRequest';
import type { GetInfoResponse as _quantspan_v1_GetInfoResponse, GetInfoResponse__Output as _quantspan_v1_GetInfoResponse__Output } from './quantspan/v1/GetInfoResponse';
import type { Limits as _quantspan_v1_Limits, Limits__Output as _quantspan_v1_Limits__Output } from './quantspan/v1/Limits';
import type { Normalized as _quantspan_v1_Normalized, Normalized__Output as _quantspan_v1_Normalized__Output } from './quantspan/v1/Normalized';
import type { Quantity as _quantspan_v1_Quantity, Quantity__Output as _quantspan_v1_Quantity__Output } from './quantspan/v1/Quantity';
import type { QuantityServiceClient as _quantspan_v1_QuantityServiceClient, QuantityServiceDefinition as _quantspan_v1_QuantityServiceDefinition } from './quantspan/v1/QuantityService';
import type { Rejection as _quantspan_v1_Rejection, Rejection__Output as _quantspan_v1_Rejection__Output } from './quantspan/v1/Rejection';
import type { Span as _quantspan_v1_Span, Span__Output as _quantspan_v1_Span__Output } from './quantspan/v1/Span';
import type { Unit as _quantspan_v1_Unit, Unit__Output as _quantspan_v1_Unit__Output } from './quantspan/v1/Unit';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  quantspan: {
    v1: {
      ExtractRequest: MessageTypeDefinition<_quantspan_v1_ExtractRequest, _quantspan_v1_ExtractRequest__Output>
      ExtractResponse: MessageTypeDefinition<_quantspan_v1_ExtractResponse, _quantspan_v1_ExtractResponse__Output>
      GetInfoRequest: MessageTypeDefinition<_quantspan_v1_GetInfoRequest, _quantspan_v1_GetInfoRequest__Output>
      GetInfoResponse: MessageTypeDefinition<_quantspan_v1_GetInfoResponse, _quantspan_v1_GetInfoResponse__Output>
      Kind: EnumTypeDefinition
      Limits: MessageTypeDefinition<_quantspan_v1_Limits, _quantspan_v1_Limits__Output>
      Modifier: EnumTypeDefinition
      Normalized: MessageTypeDefinition<_quantspan_v1_Normalized, _quantspan_v1_Normalized__Output>
      Quantity: MessageTypeDefinition<_quantspan_v1_Quantity, _quantspan_v1_Quantity__Output>
      /**
       * QuantityService extracts normalized quantities from text.
       */
      QuantityService: SubtypeConstructor<typeof grpc.Client, _quantspan_v1_QuantityServiceClient> & { service: _quantspan_v1_QuantityServiceDefinition }
      Rejection: MessageTypeDefinition<_quantspan_v1_Rejection, _quantspan_v1_Rejection__Output>
      Span: MessageTypeDefinition<_quantspan_v1_Span, _quantspan_v1_Span__Output>
      Unit: MessageTypeDefinition<_quantspan_v1_Unit, _quantspan_v1_Unit__Output>
    }
  }
}

