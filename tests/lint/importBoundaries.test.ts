import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layers of docs/ARCHITECTURE.md, proven on the real ESLint config: lint a
 * snippet as if it were a file at a given path and look for a boundary rule.
 */
const eslint = new ESLint({ cwd: process.cwd() });
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'import-x/no-restricted-paths']);

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.message);
}

/** `import { name } from 'from'` in a file at `filePath`. */
const importing = (from: string, name = 'x') => `import { ${name} } from '${from}';\nexport const y = ${name};\n`;

describe('import boundaries', () => {
  it.each([
    // UI code: the port and the client engine only.
    ['src/features/chat/Fixture.tsx', "import Dexie from 'dexie';\nexport const x = Dexie;\n"],
    ['src/ui/Fixture.tsx', importing('socket.io-client', 'io')],
    ['src/features/auth/Fixture.ts', importing('msw', 'http')],
    ['src/features/auth/Fixture.ts', importing('msw/browser', 'setupWorker')],
    ['src/ui/Fixture.ts', importing('../../adapters/sim', 'createSimTransport')],
    ['src/features/chat/Fixture.ts', importing('../../../mocks/handlers', 'handlers')],
    ['src/features/chat/Fixture.ts', importing('../../backend/service', 'ChatService')],
    ['src/app/Fixture.ts', importing('../protocol/limits', 'LIMITS')],
    ['src/features/chat/Fixture.test.tsx', importing('../../../adapters/sim', 'createSimTransport')],
    // One feature never reaches into another; src/app composes them.
    ['src/features/chat/Fixture.tsx', importing('../auth/SignOutButton', 'SignOutButton')],
    ['src/features/conversations/Fixture.tsx', importing('../connection/ConnectionBanner', 'LiveConnectionBanner')],
    // The port imports nothing of ours; the protocol only the port.
    ['src/transport/Fixture.ts', importing('../protocol/limits', 'LIMITS')],
    ['src/protocol/Fixture.ts', importing('../backend/service', 'ChatService')],
    ['src/protocol/Fixture.ts', importing('../client', 'createChatClient')],
    // The client engine and the backend rules never meet but through the port.
    ['src/client/Fixture.ts', importing('../../adapters/sim/serviceTransport', 'ServiceTransport')],
    ['src/client/Fixture.ts', importing('../backend/service', 'ChatService')],
    ['src/backend/Fixture.ts', importing('../client', 'createChatClient')],
    ['src/backend/Fixture.ts', importing('../../server/app', 'startServer')],
    ['src/backend/Fixture.ts', importing('../features/chat/Composer', 'Composer')],
    // Adapters: the port and the protocol; only the simulation runs the rules; no adapter imports another.
    ['adapters/http/Fixture.ts', importing('../../src/backend/service', 'ChatService')],
    ['adapters/socketio/Fixture.ts', importing('../http/httpTransport', 'HttpTransport')],
    ['adapters/http/Fixture.ts', importing('../socketio/socketTransport', 'SocketTransport')],
    ['adapters/sim/Fixture.ts', importing('../http/httpTransport', 'HttpTransport')],
    ['adapters/sim/Fixture.ts', importing('../../src/client', 'createChatClient')],
    ['adapters/socketio/Fixture.ts', importing('../../server/app', 'startServer')],
    // The server and the mocks share the rules through src/backend, never each other.
    ['server/Fixture.ts', importing('../mocks/backend', 'createMockBackend')],
    ['server/Fixture.ts', importing('../adapters/http/httpTransport', 'HttpTransport')],
    ['server/Fixture.ts', importing('../src/client', 'createChatClient')],
    ['mocks/Fixture.ts', importing('../server/app', 'startServer')],
    ['mocks/Fixture.ts', importing('../adapters/sim/serviceTransport', 'ServiceTransport')],
    // Code that reaches the browser writes schemas with zod/mini, never classic zod.
    ['src/protocol/Fixture.ts', importing('zod', 'z')],
    ['src/client/Fixture.ts', importing('zod/v4', 'z')],
    ['src/features/auth/Fixture.ts', importing('zod', 'z')],
    ['adapters/socketio/Fixture.ts', importing('zod', 'z')],
    ['mocks/Fixture.ts', importing('zod', 'z')],
  ])('%s: %s fails lint', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['src/features/chat/Fixture.ts', "import { ChatError } from '../../transport';\nimport * as client from '../../client';\nexport const x = [ChatError, client];\n"],
    ['src/features/chat/Fixture.tsx', importing('./Composer', 'Composer')],
    ['src/app/Fixture.tsx', importing('../features/auth/SignOutButton', 'SignOutButton')],
    ['src/client/Fixture.ts', importing('../protocol/limits', 'LIMITS')],
    ['src/backend/Fixture.ts', importing('../protocol/limits', 'LIMITS')],
    ['adapters/sim/Fixture.ts', importing('../../src/backend/service', 'ChatService')],
    ['adapters/http/Fixture.ts', importing('../../src/protocol/limits', 'LIMITS')],
    ['server/Fixture.ts', importing('../src/backend/service', 'ChatService')],
    ['mocks/Fixture.ts', importing('../src/backend/service', 'ChatService')],
    ['src/main.tsx', importing('../adapters/sim', 'createSimTransport')],
    ['src/protocol/Fixture.ts', importing('zod/mini', 'z')],
    ['server/Fixture.ts', importing('zod', 'z')],
  ])('%s: %s passes', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});

describe('import cycles', () => {
  it('a module that imports itself back through another fails lint', async () => {
    // The fixture folder is ignored by `npm run lint` (it is wrong on purpose), so lint it explicitly.
    const fixtures = new ESLint({ cwd: process.cwd(), ignore: false });
    const [result] = await fixtures.lintFiles(['tests/setup/lint-fixtures/cycle/first.ts']);
    expect(result?.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });
});
