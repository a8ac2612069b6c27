import type { Role } from '@pegasus-http/spec';

/** The ports a Pegasus MetaServer and ReplicaServer listen on by default. */
export const DEFAULT_PORTS: Record<Role, number> = { 'meta-server': 34601, 'replica-server': 34801 };
/** Mocks bind to loopback unless told otherwise. */
export const DEFAULT_HOST = '127.0.0.1';
/** Where the wire mode's standby MetaServer listens: the second MetaServer of a onebox cluster. */
export const DEFAULT_STANDBY_PORT = 34602;
