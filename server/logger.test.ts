import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS } from './logger';

describe('log redaction', () => {
  it('never writes passwords, tokens, message bodies or the Authorization header', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    logger.info({ password: 'hunter2hunter2', token: 'eyJ.secret.sig', body: 'dear diary' }, 'top level');
    logger.info({ input: { password: 'hunter2hunter2', body: 'dear diary' }, handshake: { auth: { token: 'eyJ.secret.sig' } } }, 'nested');
    logger.info({ req: { headers: { authorization: 'Bearer eyJ.secret.sig', cookie: 'sid=1' } } }, 'request');
    const out = lines.join('');
    for (const secret of ['hunter2hunter2', 'eyJ.secret.sig', 'dear diary', 'sid=1']) expect(out).not.toContain(secret);
    expect(out.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(7);
  });
});
