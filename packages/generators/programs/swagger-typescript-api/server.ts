// The calls every server has: its version (JSON) and its command line (text).
import { connect } from './connect.js';

export async function version(baseUrl: string) {
  const { data } = await connect(baseUrl).version.versionGet();
  return data;
}

export async function cmdline(baseUrl: string) {
  const { data } = await connect(baseUrl).pprof.pprofCmdlineGet();
  return data;
}
