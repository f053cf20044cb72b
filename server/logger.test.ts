import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', sink), text: () => lines.join('') };
}

describe('server logs', () => {
  it('never write passwords, tokens, message bodies or the Authorization header', () => {
    const { logger, text } = capture();
    logger.info({ password: 'hunter2hunter2', token: 'eyJ.secret.sig', body: 'dear diary' }, 'top level');
    logger.info({ input: { password: 'hunter2hunter2', body: 'dear diary' }, handshake: { auth: { token: 'eyJ.secret.sig' } } }, 'nested');
    logger.info({ req: { headers: { authorization: 'Bearer eyJ.secret.sig', cookie: 'sid=1' } } }, 'request');
    for (const secret of ['hunter2hunter2', 'eyJ.secret.sig', 'dear diary', 'sid=1']) expect(text()).not.toContain(secret);
    expect(text().match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(5);
  });

  it('log a request by method and path, without its query string', () => {
    const { logger, text } = capture();
    logger.info({ req: { method: 'GET', url: '/api/events?ticket=one-time-secret', ip: '127.0.0.1' } }, 'incoming request');
    expect(JSON.parse(text())).toMatchObject({ req: { method: 'GET', path: '/api/events', ip: '127.0.0.1' } });
    expect(text()).not.toContain('one-time-secret');
  });
});
