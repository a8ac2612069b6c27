// The static server of the built site, bound to loopback by default: used by `npm start`
// (`@pegasus-http/docs/serve`), the browser tests and the bench. sirv does the serving: a
// directory's index.html, content types, ranges, 404 for anything else.
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** Where `npm run build` writes the site. */
export const SITE_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** The content types sirv does not know, by extension: the site's icon (favicon.ico). */
const CONTENT_TYPES = { '.ico': 'image/x-icon' };

/** Serves `root` on http://host:port (port 0 picks a free one). Resolves to { url, close }. */
export async function serveDirectory(root, { host = '127.0.0.1', port = 0 } = {}) {
  // `dev` makes sirv look at the disk on each request instead of listing `root` once at start:
  // a site rebuilt while it is served is served as it is now.
  const setHeaders = (response, pathname) => {
    const type = CONTENT_TYPES[extname(pathname)];
    if (type) response.setHeader('Content-Type', type);
  };
  const files = sirv(root, { dev: true, setHeaders });
  const server = createServer((request, response) => files(request, response));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    url: `http://${host}:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
