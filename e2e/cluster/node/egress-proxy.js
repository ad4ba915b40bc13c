// HTTP CONNECT proxy on a unix socket, run inside the node's network namespace by `up`. The
// apiserver (in the machine's namespace, where the node's address does not exist) reaches the
// kubelet and pods through it, as its EgressSelectorConfiguration names this socket: the socket
// is a file, so it crosses the namespace boundary that TCP cannot. The apiserver dials nodes by
// their Hostname address first, which no DNS knows here: each <name>=<ip> argument resolves one.
// Usage: node egress-proxy.js <socket> [<name>=<ip>...]
'use strict';
const net = require('net');
const fs = require('fs');

const [socketPath, ...names] = process.argv.slice(2);
if (!socketPath) {
  console.error('usage: node egress-proxy.js <socket> [<name>=<ip>...]');
  process.exit(2);
}
const hosts = new Map(names.map((n) => n.split('=', 2)));
fs.rmSync(socketPath, { force: true });

const server = net.createServer((client) => {
  let head = Buffer.alloc(0);
  const onData = (chunk) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (head.length > 8192) client.destroy();
      return;
    }
    client.removeListener('data', onData);
    const match = /^CONNECT ([^\s:]+):(\d+) HTTP\/1\.[01]\r\n/.exec(head.toString('latin1', 0, end + 2));
    if (!match) {
      client.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\n\r\n');
      return;
    }
    let connected = false;
    const upstream = net.connect(Number(match[2]), hosts.get(match[1]) || match[1], () => {
      connected = true;
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      const rest = head.subarray(end + 4);
      if (rest.length > 0) upstream.write(rest);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.on('error', (err) => {
      if (!connected) {
        client.end(`HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n${err.message}\n`);
      } else {
        client.destroy();
      }
    });
    client.on('error', () => upstream.destroy());
  };
  client.on('data', onData);
  client.on('error', () => {});
});
server.listen(socketPath, () => console.log(`egress proxy listening on ${socketPath}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
