import { readFile, readdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * A production build served as a static host serves it: brotli or gzip by the
 * request's Accept-Encoding (compressed once, at start), hashed assets cached
 * for a year, everything else revalidated, unknown paths answered with
 * index.html (the app routes by hash, but a host's SPA fallback is usual).
 * `vite preview` compresses nothing, which a first visit and Lighthouse would feel.
 */
export interface CompressedServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg', '.txt']);

interface Served {
  type: string;
  plain: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  immutable: boolean;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Which encoding to answer with: brotli when asked for, else gzip, else none (q=0 refuses). */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([name]) => name)
      .map(([name, ...params]) => [name!.toLowerCase(), !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p))] as const),
  );
  if (accepted.get('br')) return 'br';
  if (accepted.get('gzip')) return 'gzip';
  return null;
}

export async function serveCompressed(root: string): Promise<CompressedServer> {
  const files = new Map<string, Served>();
  for (const file of await filesUnder(root)) {
    const ext = extname(file);
    const plain = await readFile(file);
    const path = '/' + relative(root, file).split(sep).join('/');
    const served: Served = { type: TYPES[ext] ?? 'application/octet-stream', plain, immutable: path.startsWith('/assets/') };
    if (COMPRESSIBLE.has(ext) && plain.byteLength > 512) {
      served.br = brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      served.gzip = gzipSync(plain, { level: 9 });
    }
    files.set(path, served);
  }
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = files.get(path === '/' ? '/index.html' : path) ?? (extname(path) ? undefined : files.get('/index.html'));
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const encoding = pickEncoding(request.headers['accept-encoding']);
    const body = (encoding && file[encoding]) ?? file.plain;
    response.writeHead(200, {
      'content-type': file.type,
      'content-length': body.byteLength,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'Accept-Encoding',
      ...(body !== file.plain && { 'content-encoding': encoding! }),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
