// The wire mocks of every release, started once for all the matrix's test files (each file is a
// generator): both roles of each release, and its standby MetaServer, on 127.0.0.1 and free ports.
import { startMocks } from '@pegasus-http/mock';
import { RELEASES, type Release } from '@pegasus-http/spec';
import type { TestProject } from 'vitest/node';

export type MockUrls = Record<Release, { meta: string; replica: string }>;

declare module 'vitest' {
  export interface ProvidedContext {
    mocks: MockUrls;
  }
}

export default async function setup(project: TestProject) {
  const mocks = await Promise.all(
    RELEASES.map((release) => startMocks({ metaPort: 0, replicaPort: 0, standbyPort: 0, wire: true, release })),
  );
  const urls = Object.fromEntries(RELEASES.map((release, i) => [release, { meta: mocks[i]!.meta.url, replica: mocks[i]!.replica.url }]));
  project.provide('mocks', urls as MockUrls);
  return async () => {
    await Promise.all(mocks.map((m) => m.close()));
  };
}
