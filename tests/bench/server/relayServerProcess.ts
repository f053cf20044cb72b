import { createServer } from 'node:http';
import { Server } from 'socket.io';

// The baseline: a bare Socket.IO relay on the same Socket.IO version and
// settings: no auth, no validation, no store. Each socket joins its user's
// room from the handshake; a send is forwarded to the peer's room and acked.

interface RelaySend {
  to: string;
  clientId: string;
  body: string;
}

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false });
let seq = 0;
io.on('connection', (socket) => {
  const userId = String((socket.handshake.auth as { userId?: unknown }).userId);
  void socket.join(`user:${userId}`);
  socket.on('live', (_payload: unknown, ack: (response: unknown) => void) => ack({ ok: true, data: null }));
  socket.on('send', (payload: RelaySend, ack: (response: unknown) => void) => {
    const message = { id: String(++seq), clientId: payload.clientId, senderId: userId, body: payload.body, seq, createdAt: new Date().toISOString() };
    io.to(`user:${payload.to}`).emit('event', { type: 'message', rev: seq, message });
    ack({ ok: true, data: message });
  });
});
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => void io.close().then(() => process.exit(0)));
