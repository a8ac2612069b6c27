// What a fake server's handlers answer from: its release, its state, its own address, and the
// drifts a test switched on.
import type { Release, Role } from '@pegasus-http/spec';
import type { FakeRequest, Reply } from './server.js';
import type { ClusterState, Node } from './state.js';

/** The drifts a test can inject. */
export interface Drift {
  /** /meta/cluster sends `metaServers` instead of `meta_servers`. */
  renamedField?: boolean;
  /** /meta/apps sends `partition_count` as a JSON number. */
  numberForString?: boolean;
  /** /version leaves out `GitCommit`. */
  missingRequiredField?: boolean;
  /** /meta/app answers an unknown table with 500 and an error name, not 404. */
  wrongStatus?: boolean;
  /** /version is labelled application/json. */
  wrongContentType?: boolean;
  /** The MetaServer's listing leaves out /meta/nodes. */
  missingFromListing?: boolean;
  /** The MetaServer's listing has a call the contract does not describe. */
  extraInListing?: boolean;
  /** A master standby answers /meta/* itself instead of redirecting. */
  standbyAnswers?: boolean;
  /** A master standby redirects before the checks its release's rules say it makes first. */
  standbyRedirectsFirst?: boolean;
  /** A v2.4.0 or v2.5.0 standby redirects /meta/* to the primary, as master does. */
  standbyRedirects?: boolean;
}

export interface FakeContext {
  role: Role;
  release: Release;
  /** What /version reports. */
  version: string;
  state: ClusterState;
  /** Its own address. */
  self: Node;
  drift: Drift;
}

export type Handler = (request: FakeRequest, server: FakeContext) => Reply;

/** True when the query has a parameter other than these: most handlers then answer 400 with an empty body. */
export function unknownParameter(query: Map<string, string>, ...known: string[]): boolean {
  return [...query.keys()].some((name) => !known.includes(name));
}
