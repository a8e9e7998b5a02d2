'use strict';
// The Node client against a live server: starts `quantspan serve --port 0` (QUANTSPAN_BIN, else
// the repository's .venv/bin/quantspan) on 127.0.0.1 and reads its "listening on HOST:PORT" line.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const { QuantspanClient, grpc } = require('..');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SEED = path.join(ROOT, 'seeds', '000_d0e80a7b2713b16c');

let server;
let client;

function quantspanBin() {
  if (process.env.QUANTSPAN_BIN) return process.env.QUANTSPAN_BIN;
  const bin = path.join(ROOT, '.venv', 'bin', 'quantspan');
  if (!fs.existsSync(bin)) throw new Error(`no ${bin}: run \`make install\` or set QUANTSPAN_BIN`);
  return bin;
}

function startServer() {
  const child = spawn(
    quantspanBin(),
    ['serve', '--host', '127.0.0.1', '--port', '0', '--workers', '1', '--grace-seconds', '1'],
    { stdio: ['ignore', 'pipe', process.env.QUANTSPAN_TEST_LOGS ? 'inherit' : 'ignore'] },
  );
  const target = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no "listening on" line within 90s')), 90000);
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /^listening on (\S+)$/.exec(line.trim());
      if (match) resolve(match[1]);
      else reject(new Error(`first stdout line is not "listening on HOST:PORT": ${line}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`quantspan serve exited with ${code} before listening`));
    });
  });
  return { child, target };
}

before(async () => {
  server = startServer();
  const target = await server.target;
  client = new QuantspanClient(target, { timeoutMs: 30000 });
  await new Promise((resolve, reject) =>
    client.client.waitForReady(new Date(Date.now() + 30000), (err) => (err ? reject(err) : resolve())),
  );
});

after(async () => {
  if (client) client.close();
  if (server && server.child.exitCode === null) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 20000);
    await exited;
    clearTimeout(timer);
  }
});

test('Extract finds the 13 quantities of the seed article; UTF-16 offsets slice JS strings', async () => {
  const text = fs.readFileSync(`${SEED}.txt`, 'utf8');
  const want = JSON.parse(fs.readFileSync(`${SEED}.expected.json`, 'utf8'));
  assert.equal(want.length, 13);

  const response = await client.extract(text, { requestId: 'seed' });
  assert.equal(response.requestId, 'seed');
  assert.ok(response.rulesVersion);
  const got = response.quantities;
  assert.equal(got.length, want.length, got.map((q) => q.text).join(' | '));

  const codePoints = Array.from(text); // for the code-point offsets of the golden file
  got.forEach((q, i) => {
    const w = want[i];
    const where = `#${i} ${w.text}`;
    // JS strings are UTF-16: the utf16_* offsets are string indices.
    assert.equal(text.slice(q.span.utf16Start, q.span.utf16End), w.text, where);
    assert.equal(q.text, w.text, where);
    assert.equal(codePoints.slice(w.start, w.end).join(''), w.text, where);
    assert.equal(q.span.start, w.start, where);
    assert.equal(q.span.end, w.end, where);
    assert.equal(Buffer.from(text, 'utf8').subarray(q.span.utf8Start, q.span.utf8End).toString('utf8'), w.text);
    assert.equal(q.kind, w.kind, where);
    assert.equal(q.modifier, w.modifier, where);
    assert.equal(q.approximate, w.approximate, where);
    for (const key of ['value', 'low', 'high']) {
      // proto3 optional: absent (undefined) when unset, as null in the golden file
      assert.equal(q[key] ?? null, w[key], `${where} ${key}`);
    }
    assert.equal(q.lowInclusive, w.low_inclusive, where);
    assert.equal(q.highInclusive, w.high_inclusive, where);
    assert.equal(q.unit.name, w.unit.name, where);
    assert.equal(q.unit.dimension, w.unit.dimension, where);
    assert.equal(q.unit.currencyCode, w.unit.currency_code, where);
    assert.equal(q.quantified, w.quantified, where);
  });
});

test('UTF-16 offsets count surrogate pairs', async () => {
  const text = 'Naïve 😀 émigrés — 😀😀 at least 3,800 troops walked 12 km, 𝒳 18% more.';
  const response = await client.extract(text);
  assert.ok(response.quantities.length >= 3);
  for (const q of response.quantities) {
    assert.equal(text.slice(q.span.utf16Start, q.span.utf16End), q.text);
    assert.ok(q.span.utf16Start > q.span.start); // the emoji before count twice in UTF-16
  }
});

test('ExtractStream keeps order; GetInfo names the instance', async () => {
  const texts = ['3 km', '', '$2.5 billion', '18%'];
  const responses = await client.extractMany(texts);
  assert.deepEqual(
    responses.map((r) => r.requestId),
    ['0', '1', '2', '3'],
  );
  assert.deepEqual(
    responses.map((r) => r.quantities.length),
    [1, 0, 1, 1],
  );
  assert.equal(responses[2].quantities[0].kind, 'MONEY');

  const info = await client.info();
  assert.match(info.instance, /^.+:\d+$/);
  assert.deepEqual(info.kinds, ['COUNT', 'MONEY', 'PERCENTAGE', 'DURATION', 'MEASUREMENT']);
  assert.ok(info.limits.maxTextChars > 0);
});

test('an invalid kind filter is INVALID_ARGUMENT', async () => {
  await assert.rejects(client.extract('3 km', { kinds: ['KIND_UNSPECIFIED'] }), (err) => {
    assert.equal(err.code, grpc.status.INVALID_ARGUMENT);
    assert.ok(err.metadata.get('grpc-status-details-bin').length > 0); // google.rpc.Status details
    return true;
  });
});

test('a response past grpc-js\'s default 4 MiB receive limit arrives', async () => {
  const text = '1,'.repeat(30000); // 30,000 counts, about 5.3 MB of response
  const response = await client.extract(text);
  assert.equal(response.quantities.length, 30000);
});
