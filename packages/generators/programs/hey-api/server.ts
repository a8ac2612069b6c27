// The calls every server has: its version (JSON) and its command line (text).
import { pprofCmdlineGet, versionGet } from './client/sdk.gen.js';
import { connect, TEXT } from './connect.js';

export async function version(baseUrl: string) {
  const { data } = await versionGet({ client: connect(baseUrl), throwOnError: true });
  return data;
}

export async function cmdline(baseUrl: string) {
  const { data } = await pprofCmdlineGet({ client: connect(baseUrl), ...TEXT, throwOnError: true });
  return data;
}
