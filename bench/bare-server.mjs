// The baseline: a bare socket.io 4 server speaking the same /live events as the API (room.join,
// message.send → message.created to the room), with no auth, no validation and no persistence.
// Usage: node bench/bare-server.mjs <port>; prints "listening <port>" when ready.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 0);
const http = createServer();
// The same engine options as the API's LiveIoAdapter, so only the work per event differs.
const io = new Server(http, {
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 10_000,
  pingTimeout: 5_000,
});
const lastSeq = new Map();
const live = io.of('/live');

live.on('connection', (socket) => {
  const person = socket.handshake.auth?.person ?? { id: socket.id, displayName: 'Anonymous' };
  socket.on('room.join', async (payload, ack) => {
    await socket.join(`room:${payload.roomId}`);
    ack?.({ ok: true, data: { room: { id: payload.roomId }, present: [], messages: [] } });
  });
  socket.on('message.send', (payload, ack) => {
    const seq = (lastSeq.get(payload.roomId) ?? 0) + 1;
    lastSeq.set(payload.roomId, seq);
    const message = {
      id: randomUUID(),
      roomId: payload.roomId,
      seq,
      clientMessageId: payload.clientMessageId,
      author: person,
      body: payload.body,
      language: payload.language ?? null,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deleted: false,
      question: null,
      hidden: null,
    };
    live.to(`room:${payload.roomId}`).emit('message.created', message);
    ack?.({ ok: true, data: message });
  });
});

http.listen(port, '127.0.0.1', () => {
  console.log(`listening ${http.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    io.close();
    process.exit(0);
  });
}
