// Kubb, in process (`safeBuild` of @kubb/core), from the configuration the page shows
// (configs/kubb.config.ts) with the paths of one role and release. The CLI would load the same
// configuration, but it also asks the npm registry for a newer version, which a test must not.
// The root stays the working directory, as with the CLI: Kubb 4.39.3's file storage writes each
// file again at its path relative to the root, resolved against the working directory.
import { safeBuild } from '@kubb/core';
import { pegasusConfig } from '../../configs/kubb.config.ts';

/** Writes the client of `input` into the folder `output` (absolute); fails with the first plugin's error. */
export async function generate({ input, output }) {
  const { error, failedPlugins } = await safeBuild({ config: pegasusConfig(input, output) });
  const failure = error ?? [...failedPlugins][0]?.error;
  if (failure) throw failure;
}
