// A third-party client for jetring's interop tests: Node's ws package runs a scenario against a
// WebSocket URL and prints one JSON line per event, for the Java test to check.
// Usage: node client.mjs <ws-url> <echo|too-big>
import WebSocket from 'ws';

const [url, scenario] = process.argv.slice(2);
const print = (event) => console.log(JSON.stringify(event));
const ws = new WebSocket(url, ['v1.echo'], { headers: { 'X-Client': 'node-ws' } });
const timer = setTimeout(() => { print({ event: 'timeout' }); process.exit(2); }, 10000);

ws.on('open', () => {
  print({ event: 'open', protocol: ws.protocol });
  if (scenario === 'too-big') {
    ws.send('x'.repeat(70 * 1024));
    return;
  }
  ws.send('héllo €');
  ws.send(Buffer.from([1, 2, 3]));
  // One text message in two frames, split inside the three bytes of '€'.
  const euro = Buffer.from('frag€ment', 'utf8');
  ws.send(euro.subarray(0, 6), { fin: false, binary: false });
  ws.send(euro.subarray(6), { fin: true, binary: false });
  ws.ping('node-ping');
});

let echoes = 0;
ws.on('message', (data, isBinary) => {
  print({ event: 'message', type: isBinary ? 'binary' : 'text', data: isBinary ? data.toString('hex') : data.toString('utf8') });
  if (++echoes === 3) {
    ws.close(4100, 'node done');
  }
});
ws.on('pong', (data) => print({ event: 'pong', data: data.toString('utf8') }));
ws.on('unexpected-response', (request, response) => {
  print({ event: 'refused', status: response.statusCode });
  process.exit(0);
});
ws.on('error', (error) => print({ event: 'error', message: String(error.message) }));
ws.on('close', (code, reason) => {
  print({ event: 'close', code, reason: reason.toString('utf8') });
  clearTimeout(timer);
});
