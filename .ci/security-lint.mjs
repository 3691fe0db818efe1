#!/usr/bin/env node
/* global process, console, setTimeout, clearTimeout */
// `npm run security:lint`: Doyensec's Electronegativity over electron/, as a warning only.
// The full SARIF report goes to a temporary file; a one-line-per-finding summary is printed, each finding
// marked with whether the triage table in README.md's "## Security" section lists it. Exit code is always 0:
// findings are reviewed by people, never a reason to fail CI. The tool tries the network for
// Electron's release list (the app's PCs and CI may have none), so it runs under a hard timeout.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = Number(process.env.TL_SECURITY_LINT_TIMEOUT_MS ?? 120_000);

function electronVersion() {
  // Without -e the tool cannot see the version and assumes 0.1.0, whose defaults (node
  // integration on, no context isolation) produce findings that do not apply to us.
  try {
    return JSON.parse(fs.readFileSync(path.join(repo, 'node_modules/electron/package.json'), 'utf8')).version;
  } catch {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
    return String(pkg.devDependencies?.electron ?? '').replace(/^[^\d]*/, '') || undefined;
  }
}

function run(out, version) {
  const bin = path.join(repo, 'node_modules/@doyensec/electronegativity/dist/index.js');
  // AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub: the app's
  // machines reach npm and Debian only, so it is left out (Electron updates come through npm).
  const args = ['--import', pathToFileURL(path.join(repo, '.ci', 'no-network.mjs')).href, bin, '-i', path.join(repo, 'electron'), '-r', '-o', out, '-x', 'AvailableSecurityFixesGlobalCheck', ...(version ? ['-e', version] : [])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ timedOut: true, code: null, log });
    }, TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ timedOut: false, code: -1, log: log + String(err) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ timedOut: false, code, log });
    });
  });
}

/**
 * The tool's SARIF report. (Its CSV writer truncates the file with the header and appends the rows
 * in two unordered asynchronous writes, so a CSV can come out with the first row cut.)
 */
function parseSarif(text) {
  const results = JSON.parse(text).runs?.[0]?.results ?? [];
  return results.map((r) => {
    const loc = r.locations?.[0]?.physicalLocation ?? {};
    const region = loc.region ?? {};
    return { issue: r.ruleId, level: r.level ?? '', file: loc.artifactLocation?.uri ?? '', location: `${region.startLine ?? 0}:${region.startColumn ?? 0}` };
  });
}

function triagedIds() {
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  const section = readme.split(/^## Security\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  // Only the checks in the triage table's first column: a check merely mentioned as fixed shows as NEW if it returns.
  return new Set([...section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+_CHECK)`/gm)].map((m) => m[1]));
}

// One fixed file per user, replaced on each run, so repeated runs do not pile up.
const out = path.join(os.tmpdir(), `tl-electronegativity-${os.userInfo().username}.sarif`);
fs.rmSync(out, { force: true });
const version = electronVersion();
const started = Date.now();
const result = await run(out, version);
const seconds = ((Date.now() - started) / 1000).toFixed(1);

if (result.timedOut || !fs.existsSync(out)) {
  console.log(`WARNING: Electronegativity gave no result (${result.timedOut ? `timed out after ${TIMEOUT_MS / 1000} s` : `exit ${result.code}`}).`);
  console.log(result.log.trim().split('\n').slice(-5).join('\n'));
  process.exit(0);
}

const findings = parseSarif(fs.readFileSync(out, 'utf8'));
const triaged = triagedIds();
const untriaged = findings.filter((f) => !triaged.has(f.issue));
console.log(`Electronegativity over electron/ (Electron ${version ?? 'unknown'}), ${seconds} s: ${findings.length} finding(s), ${untriaged.length} not triaged in README.md "## Security".`);
for (const f of findings) {
  const mark = triaged.has(f.issue) ? 'triaged ' : 'NEW     ';
  console.log(`  ${mark} ${f.level.padEnd(8)} ${f.issue.padEnd(28)} ${f.file}:${f.location}`);
}
console.log(`Full report: ${out}`);
if (untriaged.length) console.log('WARNING: triage the NEW findings in README.md "## Security" (fix them or explain why they do not apply).');
