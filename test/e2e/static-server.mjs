/**
 * A tiny static file server for the end-to-end tests and the browser benchmarks: serves one directory
 * on 127.0.0.1 (random port), optionally only under a sub-path prefix, with correct MIME types.
 * Leaves out: range requests, compression, caching (every response is `Cache-Control: no-store`),
 * SPA fallback. The app's index.html carries its own CSP meta tag, so no CSP header is set here.
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** MIME types by lower-case file extension. */
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/** The MIME type for a file path (application/octet-stream when unknown). */
export function mimeType(filePath) {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Starts serving `root`. `prefix` (default '/') is the URL path the site lives under, e.g.
 * '/some/sub/path/'; requests outside it get 404, so a site that wrongly uses absolute URLs fails.
 * `headers` are added to every response. Resolves to { url, port, prefix, root, requests, close() };
 * `url` is the full URL of the prefix (ends with '/'); `requests` logs every request as
 * { method, path, status }.
 */
export async function startStaticServer({ root, prefix = '/', headers = {} } = {}) {
  if (!root) throw new Error('startStaticServer: root is required');
  const absRoot = path.resolve(root);
  let pre = prefix.startsWith('/') ? prefix : `/${prefix}`;
  if (!pre.endsWith('/')) pre += '/';
  const requests = [];

  const server = createServer(async (req, res) => {
    const entry = { method: req.method, path: req.url, status: 0 };
    requests.push(entry);
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      entry.status = status;
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
      const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
      // The prefix itself without its trailing slash redirects, as static hosts do.
      if (pre !== '/' && urlPath === pre.slice(0, -1)) {
        entry.status = 301;
        res.writeHead(301, { Location: pre, 'Cache-Control': 'no-store', ...headers });
        return res.end();
      }
      if (!urlPath.startsWith(pre)) return send(404, 'not found (outside the served prefix)\n');
      let rel;
      try {
        rel = decodeURIComponent(urlPath.slice(pre.length));
      } catch {
        return send(400, 'bad request\n');
      }
      let file = path.resolve(absRoot, `.${path.posix.sep}${rel}`);
      if (file !== absRoot && !file.startsWith(absRoot + path.sep)) return send(403, 'forbidden\n');
      let st = await stat(file).catch(() => null);
      if (st?.isDirectory()) {
        file = path.join(file, 'index.html');
        st = await stat(file).catch(() => null);
      }
      if (!st?.isFile()) return send(404, 'not found\n');
      entry.status = 200;
      res.writeHead(200, {
        'Content-Type': mimeType(file),
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
        ...headers,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (err) {
      if (!res.headersSent) send(500, `internal error: ${err?.message ?? err}\n`);
      else res.destroy();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${pre}`,
    port,
    prefix: pre,
    root: absRoot,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
