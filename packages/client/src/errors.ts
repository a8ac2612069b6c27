// The errors the client throws. A server's HTTP answer, whatever its status, is not an error:
// it comes back in `data` or `error`. These are for what stops a call from getting an answer at
// all, and for answers the decoders cannot read.

/** The base class of every error this package throws. */
export class PegasusError extends Error {
  override name = 'PegasusError';
}

/** No answer: the connection was refused, reset or closed, or the host could not be resolved. */
export class PegasusNetworkError extends PegasusError {
  override name = 'PegasusNetworkError';
  constructor(
    message: string,
    /** The servers tried, in order. */
    readonly servers: string[],
    /** The system error code of the last failure, such as `ECONNREFUSED`, when there is one. */
    readonly code?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** No complete answer within the time limit (the client's `timeoutMs`, or the call's own signal). */
export class PegasusTimeoutError extends PegasusError {
  override name = 'PegasusTimeoutError';
  constructor(
    message: string,
    readonly server: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** 307s that never end: more hops than allowed, or back to an address already visited. */
export class PegasusRedirectError extends PegasusError {
  override name = 'PegasusRedirectError';
  constructor(
    message: string,
    /** Every address visited, the first request's included. */
    readonly chain: string[],
  ) {
    super(message);
  }
}

/** An answer a decoder cannot turn into its record: a value that is missing or malformed. */
export class PegasusDecodeError extends PegasusError {
  override name = 'PegasusDecodeError';
  constructor(
    message: string,
    /** Where in the answer, as a dotted path such as `general_info.2.partition_count`. */
    readonly path: string,
    readonly value: unknown,
  ) {
    super(message);
  }
}

/** Thrown by the decoded views when the server answers with a status other than the one they read. */
export class PegasusHttpError extends PegasusError {
  override name = 'PegasusHttpError';
  constructor(
    message: string,
    readonly status: number,
    /** The body the server sent, as text. */
    readonly body: string,
  ) {
    super(message);
  }
}
