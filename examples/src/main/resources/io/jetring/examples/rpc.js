// jetring RPC for the browser: request/response over one WebSocket, both directions.
// A dependency-free ES module; the wire format is docs/rpc-protocol.md:
//   0x01 request | id (int64, big-endian) | payload     0x00 reply | id | payload
//   0x02 error   | id | UTF-8 message                  0x03 cancel | id
//   0xFF fire-and-forget | payload
//
//   import { connect, text } from '/rpc.js';
//   const rpc = await connect('ws://localhost:8080/rpc', { timeout: 5000 });
//   const reply = text(await rpc.request('hello'));

const REPLY = 0x00;
const REQUEST = 0x01;
const ERROR = 0x02;
const CANCEL = 0x03;
const NOTIFICATION = 0xff;
const HEADER = 9;
const MAX_ERROR_MESSAGE = 1000;

const encoder = new TextEncoder();
const lenient = new TextDecoder('utf-8');

/** An error reply: the peer's handler failed, and this is its message. */
export class RpcError extends Error {
  constructor(message) {
    super(message);
    this.name = 'RpcError';
  }
}

/** No answer within the timeout; the peer was told to stop (a cancel was sent). */
export class RpcTimeoutError extends Error {
  constructor(message, timeout) {
    super(message);
    this.name = 'RpcTimeoutError';
    this.timeout = timeout;
  }
}

/** The connection closed before the answer came, or was not open. */
export class RpcClosedError extends Error {
  constructor(message, code, reason) {
    super(message);
    this.name = 'RpcClosedError';
    this.code = code;
    this.reason = reason;
  }
}

/** The bytes as text (UTF-8). */
export function text(bytes) {
  return lenient.decode(bytes);
}

/** A payload as bytes: a string (UTF-8), a Uint8Array, an ArrayBuffer or another view. */
function bytesOf(payload) {
  if (typeof payload === 'string') {
    return encoder.encode(payload);
  }
  if (payload instanceof Uint8Array) {
    return payload;
  }
  if (payload instanceof ArrayBuffer) {
    return new Uint8Array(payload);
  }
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  throw new TypeError('payload: ' + typeof payload + ' (expected: a string, Uint8Array or ArrayBuffer)');
}

function frame(type, id, body) {
  const start = id === undefined ? 1 : HEADER;
  const out = new Uint8Array(start + body.length);
  out[0] = type;
  if (id !== undefined) {
    new DataView(out.buffer).setBigInt64(1, id);
  }
  out.set(body, start);
  return out;
}

function hex(type) {
  return '0x' + type.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Opens an RPC connection. Resolves with the client once the WebSocket is open; rejects with an
 * RpcClosedError if it cannot open.
 *
 * options.timeout    default time a request waits for its answer, in ms (10000)
 * options.onRequest  answers the server's requests: async (payload: Uint8Array, request) => reply,
 *                    where request is { id, expectsReply, signal } (signal aborts on cancel or close)
 *                    and the reply a string, Uint8Array or ArrayBuffer; undefined or null for none
 */
export function connect(url, options = {}) {
  return new Promise((resolve, reject) => {
    const client = new RpcClient(url, options);
    client._opened.then(() => resolve(client), reject);
  });
}

/** One connection; use connect() to make one. */
export class RpcClient {
  constructor(url, { timeout = 10000, onRequest } = {}) {
    this.timeout = timeout;
    this.onRequest = onRequest;
    this._lastId = 0n;
    this._calls = new Map();
    this._inbound = new Map();
    this._violation = undefined;
    this._ws = new WebSocket(url);
    this._ws.binaryType = 'arraybuffer';
    this._opened = new Promise((resolve, reject) => {
      this._ws.onopen = () => resolve();
      this._ws.onerror = () => reject(new RpcClosedError('connect: ' + url + ' could not be opened', 1006, ''));
    });
    this.closed = new Promise((resolve) => {
      this._ws.onclose = (event) => {
        this._closed(event.code, event.reason);
        resolve({ code: event.code, reason: event.reason });
      };
    });
    this._ws.onmessage = (event) => this._received(event.data);
  }

  /** Whether requests can be sent. */
  get isOpen() {
    return this._ws.readyState === WebSocket.OPEN;
  }

  /** Requests sent and not answered yet. */
  get pendingCalls() {
    return this._calls.size;
  }

  /** Sends a request; resolves with the reply's bytes, or rejects with RpcError, RpcTimeoutError or RpcClosedError. */
  request(payload, { timeout = this.timeout } = {}) {
    const body = bytesOf(payload);
    if (!this.isOpen) {
      return Promise.reject(this._closedError('request'));
    }
    const id = ++this._lastId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this._calls.delete(id)) {
          reject(new RpcTimeoutError('request ' + id + ': no reply within ' + timeout + ' ms', timeout));
          this._write(frame(CANCEL, id, new Uint8Array(0)));
        }
      }, timeout);
      this._calls.set(id, { resolve, reject, timer });
      this._ws.send(frame(REQUEST, id, body));
    });
  }

  /** Sends a fire-and-forget request: no id, no answer. Throws RpcClosedError if the connection is not open. */
  send(payload) {
    const body = bytesOf(payload);
    if (!this.isOpen) {
      throw this._closedError('fire-and-forget request');
    }
    this._ws.send(frame(NOTIFICATION, undefined, body));
  }

  /** Closes the connection (1000 by default); resolves with the close code and reason. */
  close(code = 1000, reason = '') {
    this._ws.close(code, reason);
    return this.closed;
  }

  _write(bytes) {
    if (this.isOpen) {
      this._ws.send(bytes);
    }
  }

  _received(data) {
    if (typeof data === 'string') {
      this._violated(4003, 'a text message (expected: binary messages only, the RPC wire format)');
      return;
    }
    const bytes = new Uint8Array(data);
    if (bytes.length === 0) {
      this._malformed('an empty message (expected: a type byte)');
      return;
    }
    const type = bytes[0];
    if (type === NOTIFICATION) {
      this._handle(undefined, bytes.slice(1));
      return;
    }
    if (type !== REQUEST && type !== REPLY && type !== ERROR && type !== CANCEL) {
      this._malformed('type ' + hex(type) + ' (expected: 0x00, 0x01, 0x02, 0x03 or 0xFF)');
      return;
    }
    if (bytes.length < HEADER) {
      this._malformed('a ' + bytes.length + '-byte message of type ' + hex(type)
        + ' (expected: at least 9 bytes, the type and the id)');
      return;
    }
    const id = new DataView(data).getBigInt64(1);
    const body = bytes.slice(HEADER);
    if (type === REQUEST) {
      if (this._inbound.has(id)) {
        this._violated(4002, 'request id ' + id + ' is already being handled (expected: an id not in use)');
        return;
      }
      this._handle(id, body);
    } else if (type === CANCEL) {
      if (body.length !== 0) {
        this._malformed('a ' + bytes.length + '-byte cancel (expected: exactly 9 bytes, the type and the id)');
        return;
      }
      const inbound = this._inbound.get(id);
      if (inbound) {
        this._inbound.delete(id);
        inbound.abort();
      }
    } else {
      // A reply or an error reply; one nobody waits for (late, cancelled, unknown) is dropped.
      const call = this._calls.get(id);
      if (call) {
        this._calls.delete(id);
        clearTimeout(call.timer);
        if (type === REPLY) {
          call.resolve(body);
        } else {
          call.reject(new RpcError(text(body)));
        }
      }
    }
  }

  async _handle(id, payload) {
    const controller = new AbortController();
    if (id !== undefined) {
      this._inbound.set(id, controller);
    }
    let answer;
    try {
      if (!this.onRequest) {
        throw new RpcError('no handler');
      }
      const reply = await this.onRequest(payload, { id, expectsReply: id !== undefined, signal: controller.signal });
      answer = reply === undefined || reply === null
        ? frame(ERROR, id, encoder.encode('no reply'))
        : frame(REPLY, id, bytesOf(reply));
    } catch (error) {
      const message = error instanceof RpcError ? error.message.slice(0, MAX_ERROR_MESSAGE) : 'internal error';
      answer = frame(ERROR, id, encoder.encode(message));
      if (!(error instanceof RpcError)) {
        console.warn('jetring rpc: request', id, 'failed', error);
      }
    }
    if (id === undefined || controller.signal.aborted) {
      return;
    }
    this._inbound.delete(id);
    this._write(answer);
  }

  _malformed(what) {
    this._violated(4002, 'malformed RPC message: ' + what);
  }

  // A browser may send only 1000 and 3000..4999: 4002 and 4003 stand for 1002 and 1003.
  _violated(code, message) {
    if (this._violation === undefined) {
      this._violation = 'the connection was closed with ' + code + ': the peer sent ' + message;
      console.warn('jetring rpc:', message);
      this._ws.close(code, message.slice(0, 123));
    }
  }

  _closed(code, reason) {
    const why = this._violation ?? 'the connection closed with ' + code + (reason ? ' (' + reason + ')' : '');
    this._closedBecause = why;
    for (const [id, call] of this._calls) {
      clearTimeout(call.timer);
      call.reject(new RpcClosedError('request ' + id + ': ' + why, code, reason));
    }
    this._calls.clear();
    for (const controller of this._inbound.values()) {
      controller.abort();
    }
    this._inbound.clear();
  }

  _closedError(what) {
    return new RpcClosedError(what + ': ' + (this._closedBecause ?? 'the connection is not open'), 1006, '');
  }
}
