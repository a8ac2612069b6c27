// The calls every server has: its version (JSON) and its command line (text).
import { connect } from './connect.js';

export function version(baseUrl: string) {
  return connect(baseUrl).version_get();
}

export function cmdline(baseUrl: string) {
  return connect(baseUrl).pprofCmdline_get();
}
