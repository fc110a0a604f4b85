// A private CA and a server certificate for 127.0.0.1 and localhost signed by it, made with openssl at run time,
// as a self-hosted HipChat Server has. Nothing is checked in, so nothing expires in the repository.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = '/usr/bin/openssl';
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export interface TestCertificates {
  /** PEM of the CA certificate, for ca_cert. */
  caCert: string;
  serverKey: string;
  serverCert: string;
}

export async function makeCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'hipchat-notify-ca-'));
  const file = (name: string) => join(dir, name);
  try {
    await run(OPENSSL, [
      'req',
      '-x509',
      ...EC_KEY,
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=hipchat-notify test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await run(OPENSSL, ['req', ...EC_KEY, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost']);
    await writeFile(
      file('server.ext'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
    );
    await run(OPENSSL, [
      'x509',
      '-req',
      '-in',
      file('server.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file('server.pem'),
      '-days',
      '2',
      '-extfile',
      file('server.ext'),
    ]);
    const [caCert, serverKey, serverCert] = await Promise.all(
      ['ca.pem', 'server.key', 'server.pem'].map((name) => readFile(file(name), 'utf8')),
    );
    return { caCert: caCert as string, serverKey: serverKey as string, serverCert: serverCert as string };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
