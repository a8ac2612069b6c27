// Generating one client of the matrix, in process, from a published artifact.
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { artifactPath } from '@pegasus-http/spec';
import { clientFolder, PACKAGE_DIR } from './layout.mjs';

/**
 * Generates the client of `entry` for a role in a release from the artifact the entry reads, into
 * generated/<id>/<release>/<role>/<output>, beside the files the client imports (`imported`);
 * resolves to what the generator module reports, if anything.
 */
export async function generateClient(entry, role, release) {
  const { generate } = await import(`./generators/${entry.id}.mjs`);
  const folder = clientFolder(entry.id, release, role);
  const input = artifactPath(role, entry.artifact, release);
  await mkdir(folder, { recursive: true });
  await Promise.all(entry.imported.map((file) => copyFile(join(PACKAGE_DIR, file), join(folder, basename(file)))));
  return (await generate({ input, output: join(folder, entry.output), folder })) ?? {};
}
