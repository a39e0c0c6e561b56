import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/**
 * The baseline of the chat-API load: an express app with the same routes, JSON body parsing and
 * load shape (a conversation per connection, then messages), answering at once. What the chat API
 * reaches against it is the share of the machine's HTTP capacity the answers leave over.
 * Run as its own process; prints `open http://127.0.0.1:<port>/` when listening.
 */
const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '16kb' }));
app.post('/api/conversations', (_req, res) => void res.status(201).json({ id: 'c_hello', token: 'hello' }));
app.post('/api/conversations/:id/messages', (req, res) => {
  const text = typeof req.body?.text === 'string' ? req.body.text : '';
  res.json({ message: { id: 'm_hello', seq: 1, role: 'bot', text: `hello ${text.length}`, citations: [] } });
});
const server = createServer(app);
server.listen(0, '127.0.0.1', () => process.stdout.write(`open http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
