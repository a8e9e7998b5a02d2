'use strict';
// Node.js client of quantspan.v1.QuantityService, over @grpc/grpc-js. The service definition is
// loaded at run time by @grpc/proto-loader from proto/ (a copy of the repository's proto/ made
// by `make clients`); types/ holds the TypeScript types generated from it.

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_DIR = path.join(__dirname, 'proto');
const PROTO_FILE = 'quantspan/v1/quantspan.proto';

// How messages look in JavaScript: camelCase fields, enums as their names ("COUNT"), 64-bit
// integers as strings, unset scalars as their defaults. A proto3 `optional` field that is
// unset (Quantity.value, low, high; Normalized.*) is absent (undefined), never 0.
const LOADER_OPTIONS = Object.freeze({
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
});

// Retry UNAVAILABLE with backoff, as the Python client does (quantspan.client.RETRY_SERVICE_CONFIG).
const RETRY_SERVICE_CONFIG = Object.freeze({
  methodConfig: [
    {
      name: [{ service: 'quantspan.v1.QuantityService' }],
      retryPolicy: {
        maxAttempts: 4,
        initialBackoff: '0.1s',
        maxBackoff: '2s',
        backoffMultiplier: 2,
        retryableStatusCodes: ['UNAVAILABLE'],
      },
    },
  ],
});

// Responses can be much larger than requests: about 1.4 bytes per byte of prose, up to 90 bytes
// per character of a dense list of numbers (88 MB for 1,000,000 characters of "1,1,1,..."), past
// grpc-js's default receive limit of 4 MiB. The Python client allows the same.
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

let cached;

/** The loaded quantspan.v1 package: { QuantityService, Kind, Modifier, ... }. */
function loadQuantspanV1() {
  if (!cached) {
    const definition = protoLoader.loadSync(PROTO_FILE, LOADER_OPTIONS);
    cached = grpc.loadPackageDefinition(definition).quantspan.v1;
  }
  return cached;
}

/**
 * A raw grpc-js QuantityService client (callback API) for `target` ("127.0.0.1:50051",
 * "dns:///quantspan:50051", "ipv4:127.0.0.1:1,127.0.0.1:2", ...).
 * options.credentials defaults to insecure; options.channelOptions are added to the channel's.
 */
function createClient(target, options = {}) {
  const { QuantityService } = loadQuantspanV1();
  const credentials = options.credentials || grpc.credentials.createInsecure();
  return new QuantityService(target, credentials, {
    'grpc.service_config': JSON.stringify(RETRY_SERVICE_CONFIG),
    'grpc.enable_retries': 1,
    'grpc.max_receive_message_length': MAX_RESPONSE_BYTES,
    ...(options.channelOptions || {}),
  });
}

/** A promise-based client with a deadline on every call. */
class QuantspanClient {
  constructor(target, options = {}) {
    this.client = createClient(target, options);
    this.timeoutMs = options.timeoutMs ?? 10000;
  }

  _deadline() {
    return new Date(Date.now() + this.timeoutMs);
  }

  /** Extract(text) -> ExtractResponse. request: { language, kinds, requestId, explain }. */
  extract(text, request = {}) {
    return new Promise((resolve, reject) => {
      this.client.Extract({ ...request, text }, { deadline: this._deadline() }, (err, response) =>
        err ? reject(err) : resolve(response),
      );
    });
  }

  /** GetInfo -> GetInfoResponse. */
  info() {
    return new Promise((resolve, reject) => {
      this.client.GetInfo({}, { deadline: this._deadline() }, (err, response) =>
        err ? reject(err) : resolve(response),
      );
    });
  }

  /** Many texts over one ExtractStream; resolves to the responses, in order (request ids "0", "1", ...). */
  extractMany(texts, request = {}) {
    return new Promise((resolve, reject) => {
      const responses = [];
      const call = this.client.ExtractStream({ deadline: this._deadline() });
      call.on('data', (response) => responses.push(response));
      call.on('error', reject);
      call.on('end', () => resolve(responses));
      texts.forEach((text, i) => call.write({ ...request, text, requestId: String(i) }));
      call.end();
    });
  }

  close() {
    this.client.close();
  }
}

module.exports = {
  PROTO_DIR,
  PROTO_FILE,
  LOADER_OPTIONS,
  RETRY_SERVICE_CONFIG,
  loadQuantspanV1,
  createClient,
  QuantspanClient,
  grpc,
};
