// Each client is typed by its own role's paths only: a call only the other role serves does not
// compile. tsc checks this file (npm test runs it before vitest), so an unused @ts-expect-error,
// i.e. a call that does compile, fails the build.
import { describe, expect, it } from 'vitest';
import { createMetaServerClient, createReplicaServerClient } from '../src/index.js';

describe('role typing', () => {
  it('refuses, at compile time, calls the role does not serve', () => {
    const meta = createMetaServerClient({ baseUrl: 'http://127.0.0.1:9' });
    const replica = createReplicaServerClient({ baseUrl: 'http://127.0.0.1:9' });
    const neverSent = () => {
      // @ts-expect-error: /meta/apps is a MetaServer call
      void replica.GET('/meta/apps');
      // @ts-expect-error: /replica/data_version is a ReplicaServer call
      void meta.GET('/replica/data_version', { params: { query: { app_id: 2 } } });
      // @ts-expect-error: /version is read with GET, not DELETE
      void meta.DELETE('/version');
    };
    expect(typeof neverSent).toBe('function');
  });
});
