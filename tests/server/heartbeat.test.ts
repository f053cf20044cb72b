import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type TestServer, startTestServer } from '../support/testServer';

/** What an Engine.IO handshake's open packet tells the client about the heartbeat. */
const openPacketSchema = z.object({ pingInterval: z.number().int().positive(), pingTimeout: z.number().int().positive() });

describe('the server’s heartbeat', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has Socket.IO clients declare a silent server lost within 10 s', async () => {
    // A client closes when no ping came for pingInterval + pingTimeout after the last one.
    const response = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    const packet = await response.text();
    expect(packet[0]).toBe('0');
    const { pingInterval, pingTimeout } = openPacketSchema.parse(JSON.parse(packet.slice(1)));
    expect(pingInterval + pingTimeout).toBeLessThanOrEqual(10_000);
  });
});
