import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import direction of DESIGN.md, proven on the real ESLint config: lint a
 * snippet as if it were a file at a given path and look for the boundary rule.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['src/features/chat/Fixture.tsx', "import Dexie from 'dexie';\nexport const x = Dexie;\n"],
    ['src/ui/Fixture.tsx', "import { io } from 'socket.io-client';\nexport const x = io;\n"],
    ['src/features/auth/Fixture.ts', "import { http } from 'msw';\nexport const x = http;\n"],
    ['src/features/auth/Fixture.ts', "import { setupWorker } from 'msw/browser';\nexport const x = setupWorker;\n"],
    ['src/ui/Fixture.ts', "import { createSimTransport } from '../../adapters/sim';\nexport const x = createSimTransport;\n"],
    ['src/features/chat/Fixture.ts', "import { handlers } from '../../../mocks/handlers';\nexport const x = handlers;\n"],
    ['src/features/chat/Fixture.ts', "import { ChatService } from '../../backend/service';\nexport const x = ChatService;\n"],
  ])('a UI file %s importing a forbidden module fails lint', async (filePath, code) => {
    const errors = await boundaryErrors(filePath, code);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('a UI file importing the port and the client engine passes', async () => {
    const code = "import { ChatError } from '../../transport';\nimport * as client from '../../client';\nexport const x = [ChatError, client];\n";
    expect(await boundaryErrors('src/features/chat/Fixture.ts', code)).toEqual([]);
  });

  it('the client engine may not import an adapter', async () => {
    const code = "import { ServiceTransport } from '../../adapters/sim/serviceTransport';\nexport const x = ServiceTransport;\n";
    expect(await boundaryErrors('src/client/Fixture.ts', code).then((e) => e.length)).toBeGreaterThan(0);
  });

  it('the port imports nothing of ours', async () => {
    const code = "import { LIMITS } from '../protocol/limits';\nexport const x = LIMITS;\n";
    expect(await boundaryErrors('src/transport/Fixture.ts', code).then((e) => e.length)).toBeGreaterThan(0);
  });
});
