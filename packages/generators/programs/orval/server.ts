// The calls every server has: its version (JSON) and its command line (text).
import { pprofCmdlineGet, versionGet } from './client/api.js';
import { connect } from './connect.js';

export function version(baseUrl: string) {
  return versionGet(connect(baseUrl));
}

export function cmdline(baseUrl: string) {
  return pprofCmdlineGet(connect(baseUrl));
}
