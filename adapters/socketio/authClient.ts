import type { z } from 'zod';
import { errorCodeForStatus, httpRoutes } from '../../src/protocol/http';
import { parseOutput } from '../../src/protocol/parse';
import { errorBodySchema } from '../../src/protocol/schemas';
import { ChatError, isErrorCode } from '../../src/transport/errors';
import type { Credentials, Registration, Session } from '../../src/transport/types';
import { checkPayloadSize } from './payloadSize';

/**
 * Sign-up, sign-in, session check and sign-out: plain HTTP requests, so a
 * session exists before any socket is opened with it.
 */
export class AuthClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  register(input: Registration): Promise<Session> {
    return this.call('POST', httpRoutes.register.path, input, undefined, httpRoutes.register.response);
  }

  login(input: Credentials): Promise<Session> {
    return this.call('POST', httpRoutes.login.path, input, undefined, httpRoutes.login.response);
  }

  session(token: string): Promise<Session> {
    return this.call('GET', httpRoutes.session.path, undefined, token, httpRoutes.session.response);
  }

  async logout(token: string): Promise<void> {
    await this.call('POST', httpRoutes.logout.path, {}, token, null);
  }

  private async call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, body: unknown, token: string | undefined, schema: S | null): Promise<z.output<S>> {
    if (body !== undefined) checkPayloadSize(body);
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') throw new ChatError('TIMEOUT');
      throw new ChatError('OFFLINE', 'Could not reach the server. Check your connection.');
    }
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (!response.ok) throw errorFrom(response.status, json);
    return schema === null ? (undefined as z.output<S>) : parseOutput(schema, json, 'session');
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function errorFrom(status: number, body: unknown): ChatError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success && isErrorCode(parsed.data.error.code)) {
    const { code, message, details } = parsed.data.error;
    return new ChatError(code, message, details ?? {});
  }
  // No typed body (a proxy's error page, a cut-off answer): the status is all there is.
  return new ChatError(errorCodeForStatus(status));
}
