// Preloaded (NODE_OPTIONS=--require) when the unit suite runs under libfaketime. faketime moves the clock
// Node reads, but file times come from the kernel's real clock, so any check that compares a file's mtime with
// "now" (lock staleness) would see every file as ancient or from the future. This shifts the times stat
// reports by the same offset, and shifts times given to utimes back, so files and the clock agree again.
// It measures the offset itself (a fresh file's mtime against Date.now()) and does nothing without FAKETIME.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (process.env.FAKETIME) {
  const probe = path.join(os.tmpdir(), `.faketime-probe-${process.pid}-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(probe, '');
  const offsetMs = Date.now() - fs.statSync(probe).mtimeMs;
  fs.rmSync(probe, { force: true });
  if (Math.abs(offsetMs) > 1000) install(offsetMs);
}

function install(offsetMs) {
  const fields = ['atime', 'mtime', 'ctime', 'birthtime'];
  const shift = (st) => {
    if (!st || typeof st !== 'object' || typeof st.mtimeMs !== 'number') return st; // bigint stats stay real
    for (const f of fields) {
      const ms = st[`${f}Ms`] + offsetMs;
      Object.defineProperty(st, `${f}Ms`, { value: ms, writable: true, enumerable: true, configurable: true });
      Object.defineProperty(st, f, { value: new Date(ms), writable: true, enumerable: true, configurable: true });
    }
    return st;
  };
  const back = (t) => {
    if (t instanceof Date) return new Date(t.getTime() - offsetMs);
    if (typeof t === 'number') return t - offsetMs / 1000;
    return t;
  };

  for (const name of ['statSync', 'lstatSync', 'fstatSync']) {
    const orig = fs[name];
    fs[name] = function (...args) {
      return shift(orig.apply(this, args));
    };
  }
  for (const name of ['stat', 'lstat', 'fstat']) {
    const orig = fs[name];
    fs[name] = function (...args) {
      const cb = args.pop();
      if (typeof cb !== 'function') return orig.apply(this, [...args, cb]);
      return orig.apply(this, [...args, (err, st) => cb(err, err ? st : shift(st))]);
    };
  }
  for (const name of ['stat', 'lstat']) {
    const orig = fs.promises[name];
    fs.promises[name] = async function (...args) {
      return shift(await orig.apply(this, args));
    };
  }
  for (const name of ['utimesSync', 'lutimesSync', 'futimesSync']) {
    const orig = fs[name];
    fs[name] = function (target, atime, mtime) {
      return orig.call(this, target, back(atime), back(mtime));
    };
  }
  for (const name of ['utimes', 'lutimes', 'futimes']) {
    const orig = fs[name];
    fs[name] = function (target, atime, mtime, cb) {
      return orig.call(this, target, back(atime), back(mtime), cb);
    };
  }
  for (const name of ['utimes', 'lutimes']) {
    const orig = fs.promises[name];
    fs.promises[name] = function (target, atime, mtime) {
      return orig.call(this, target, back(atime), back(mtime));
    };
  }
  // FileHandle methods live on its prototype; reach it through a handle of our own.
  fs.promises
    .open(__filename, 'r')
    .then((h) => {
      const proto = Object.getPrototypeOf(h);
      const stat = proto.stat;
      proto.stat = async function (...args) {
        return shift(await stat.apply(this, args));
      };
      const utimes = proto.utimes;
      proto.utimes = function (atime, mtime) {
        return utimes.call(this, back(atime), back(mtime));
      };
      return h.close();
    })
    .catch(() => {});
}
