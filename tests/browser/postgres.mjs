// A PostgreSQL server of its own for a browser test file, when the file runs
// on the PostgreSQL backend (BOUSSOLE_BROWSER_BACKEND=postgresql): initdb in a
// temporary directory, a server on a free loopback port, stopped and removed
// at the end. PostgreSQL refuses to run as root, so as root the programs run
// as the "postgres" user, as the C++ tests' server does.

import { spawn, execFileSync } from 'node:child_process';
import { chmod, chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Debian keeps initdb and pg_ctl off the PATH, in /usr/lib/postgresql/<v>/bin.
async function binDirectory() {
  const versions = (await readdir('/usr/lib/postgresql').catch(() => []))
    .filter((entry) => existsSync(path.join('/usr/lib/postgresql', entry, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('PostgreSQL introuvable : installez le paquet postgresql (« make setup »).');
  return path.join('/usr/lib/postgresql', versions[0], 'bin');
}

function serverAccount() {
  if (process.getuid() !== 0) return {};
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function runAs(account, command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...account, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} a échoué (code ${code}) :\n${output}`));
    });
  });
}

// Starts the server; resolves with its connection URL and a stop function.
export async function startPostgres() {
  const bin = await binDirectory();
  const account = serverAccount();
  const directory = await mkdtemp(path.join(os.tmpdir(), 'boussole-navigateur-pg-'));
  await chmod(directory, 0o700);
  if (account.uid !== undefined) await chown(directory, account.uid, account.gid);
  const data = path.join(directory, 'data');
  await runAs(account, path.join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], directory);
  const port = await freePort();
  const options = `-p ${port} -k ${directory} -h 127.0.0.1 -c fsync=off -c full_page_writes=off ` +
    '-c synchronous_commit=off';
  await runAs(account, path.join(bin, 'pg_ctl'),
    ['-D', data, '-l', path.join(directory, 'server.log'), '-w', '-t', '60', '-o', options, 'start'], directory);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await runAs(account, path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], directory)
        .catch(() => {});
      await rm(directory, { recursive: true, force: true });
    },
  };
}
