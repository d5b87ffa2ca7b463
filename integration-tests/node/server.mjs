// A third-party server for jetring's interop tests: Node's ws package echoes every message with its
// type, picks the first subprotocol offered, and prints its port as a JSON line.
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  handleProtocols: (protocols) => protocols.values().next().value ?? false,
});
server.on('listening', () => console.log(JSON.stringify({ port: server.address().port })));
server.on('connection', (ws, request) => {
  ws.on('message', (data, isBinary) => {
    if (!isBinary && data.toString('utf8') === 'close please') {
      ws.close(4200, 'node server done');
      return;
    }
    ws.send(data, { binary: isBinary });
  });
  ws.send('hello ' + (request.headers['x-client'] ?? 'stranger'));
});
// The test stops this process when it is done; stdin closing means the test is gone.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
