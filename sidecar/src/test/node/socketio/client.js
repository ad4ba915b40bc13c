// Connects `count` socket.io clients to `url` at once, each with cookies on (withCredentials: a
// browser sends the site's cookies by itself), and prints one JSON line: how many connected,
// how many upgraded to WebSocket, the pids that answered `whoami`, and the errors seen.
// Usage: node client.js <url> <count> <polling|default>
const { io } = require('socket.io-client');

const [url, countText, mode] = process.argv.slice(2);
const count = Number(countText);
const transports = mode === 'polling' ? ['polling'] : ['polling', 'websocket'];
const result = { connected: 0, upgraded: 0, pids: [], errors: [] };

function one() {
  return new Promise(resolve => {
    const socket = io(url, { transports, withCredentials: true, reconnection: false,
      timeout: 10000, forceNew: true });
    const done = error => {
      if (error) { result.errors.push(String(error && error.message || error)); }
      socket.close();
      resolve();
    };
    const timer = setTimeout(() => done('no answer within 15 s'), 15000);
    socket.on('connect_error', error => { clearTimeout(timer); done(error); });
    socket.on('connect', () => {
      result.connected++;
      const ask = () => socket.timeout(5000).emit('whoami', (error, pid) => {
        clearTimeout(timer);
        if (error) { done(error); return; }
        result.pids.push(pid);
        // A few more round trips over the chosen transport, to be sure the session holds.
        socket.timeout(5000).emit('whoami', (again, samePid) => {
          done(again || (samePid !== pid ? 'answered by ' + samePid + ' after ' + pid : null));
        });
      });
      if (mode === 'polling') { ask(); return; }
      const engine = socket.io.engine;
      if (engine.transport.name === 'websocket') { result.upgraded++; ask(); return; }
      engine.once('upgrade', () => { result.upgraded++; ask(); });
      engine.once('upgradeError', error => { clearTimeout(timer); done(error); });
    });
  });
}

Promise.all(Array.from({ length: count }, one)).then(() => {
  console.log(JSON.stringify(result));
  process.exit(0);
});
