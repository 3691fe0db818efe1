/* global process */
// Preloaded (--import) into Electronegativity: the tool fetches translations (S3) and Electron's
// release list (GitHub) at run time, and these machines reach npm and Debian only. Every outgoing
// connection fails at once, before any DNS query; the tool falls back to its bundled data.
import net from 'node:net';

net.Socket.prototype.connect = function refuseConnect() {
  const err = Object.assign(new Error('network access is disabled for this tool'), { code: 'ENETUNREACH' });
  process.nextTick(() => this.destroy(err));
  return this;
};
