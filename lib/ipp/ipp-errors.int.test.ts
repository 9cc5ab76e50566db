import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colorDuplexPdfPrinter } from '@/dev/printers/printer-presets';
import { startPrinter, type TPrinterHandle } from '@/dev/printers/start-printer';
import { getJobAttributes } from '@/lib/ipp/get-job-attributes';
import { getPrinterCapabilities } from '@/lib/ipp/get-printer-capabilities';
import { getPrinterStatus } from '@/lib/ipp/get-printer-status';
import { printJob } from '@/lib/ipp/print-job';

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

describe('IPP failures, as a shop owner will meet them', () => {
  let root: string;
  let web: http.Server;
  let silent: net.Server;
  let ssh: net.Server;
  let locked: TPrinterHandle;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'nearprint-ipp-errors-'));
    web = http.createServer((request, response) => {
      if (request.url === '/ipp/print') {
        response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Router admin</body></html>');
      } else if (request.url === '/fake-ipp') {
        response.writeHead(200, { 'Content-Type': 'application/ipp' }).end('<html>not really</html>');
      } else {
        response.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not found</h1>');
      }
    });
    silent = net.createServer((socket) => sockets.add(socket));
    ssh = net.createServer((socket) => {
      sockets.add(socket);
      socket.end('SSH-2.0-OpenSSH_9.2\r\n');
    });
    await Promise.all([listen(web, 18626), listen(silent, 18627), listen(ssh, 18631)]);
    locked = await startPrinter(colorDuplexPdfPrinter({ name: 'Errors Locked', port: 18628, spoolDir: path.join(root, 'locked'), requiresAuth: true }));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all([new Promise((resolve) => web.close(resolve)), new Promise((resolve) => silent.close(resolve)), new Promise((resolve) => ssh.close(resolve)), locked?.stop()]);
    await rm(root, { recursive: true, force: true });
  });

  it('not_ipp: a web server that answers HTML, 404 or garbage', async () => {
    await expect(getPrinterCapabilities('ipp://127.0.0.1:18626/ipp/print')).rejects.toMatchObject({
      code: 'not_ipp',
      message: expect.stringMatching(/web server answered at 127\.0\.0\.1:18626\/ipp\/print, not a printer/),
    });
    await expect(getPrinterCapabilities('ipp://127.0.0.1:18626/printers/x')).rejects.toMatchObject({ code: 'not_ipp', httpStatus: 404 });
    await expect(getPrinterCapabilities('ipp://127.0.0.1:18626/fake-ipp')).rejects.toMatchObject({
      code: 'not_ipp',
      message: expect.stringMatching(/answer is not IPP/),
    });
  });

  it('not_ipp: a service that does not speak HTTP at all', async () => {
    await expect(getPrinterStatus('ipp://127.0.0.1:18631/ipp/print')).rejects.toMatchObject({
      code: 'not_ipp',
      message: expect.stringMatching(/Something answered at 127\.0\.0\.1:18631, but it is not a printer/),
    });
  });

  it('not_ipp: ipps:// to a plain HTTP port', async () => {
    await expect(getPrinterStatus('ipps://127.0.0.1:18626/ipp/print')).rejects.toMatchObject({
      code: 'not_ipp',
      message: expect.stringMatching(/did not accept a secure \(ipps:\/\/\) connection/),
    });
  });

  it('unreachable: nothing listens on the port', async () => {
    await expect(getPrinterStatus('ipp://127.0.0.1:18629/ipp/print')).rejects.toMatchObject({
      code: 'unreachable',
      message: 'Nothing answered at 127.0.0.1:18629. Is the printer switched on and on the same network?',
      isRetryable: true,
    });
  });

  it('unreachable: the host name does not exist', async () => {
    await expect(getPrinterStatus('ipp://no-such-printer.invalid/ipp/print')).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.stringMatching(/No device called "no-such-printer\.invalid"/),
    });
  });

  it('invalid_uri: garbage and wrong schemes never reach the network', async () => {
    for (const uri of ['foo', 'http://127.0.0.1:18626/ipp/print', 'ipp://', '']) {
      await expect(getPrinterStatus(uri)).rejects.toMatchObject({ code: 'invalid_uri' });
    }
  });

  it('timeout: a server that accepts the connection and never answers', async () => {
    const startedAt = Date.now();
    await expect(getPrinterStatus('ipp://127.0.0.1:18627/ipp/print', { timeoutMs: 500 })).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/did not answer within 0\.5 s/),
    });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('auth_required: an ippeveprinter -A printer answers Get-Printer-Attributes but wants credentials to print', async () => {
    expect((await getPrinterCapabilities(locked.uri)).isColor).toBe(true);
    const document = await PDFDocument.create();
    document.addPage();
    await expect(printJob({ uri: locked.uri, jobName: 'np_locked', documentFormat: 'application/pdf', data: Buffer.from(await document.save()) })).rejects.toMatchObject({
      code: 'auth_required',
      httpStatus: 401,
      message: expect.stringMatching(/user name and password/),
    });
    await expect(
      printJob({ uri: locked.uri, jobName: 'np_locked', documentFormat: 'application/pdf', data: Buffer.from(await document.save()) }, { auth: { username: 'nobody', password: 'wrong' } }),
    ).rejects.toMatchObject({ code: 'auth_required' });
  });

  it('unreachable: the printer vanishes mid-job', async () => {
    const printer = await startPrinter(colorDuplexPdfPrinter({ name: 'Errors Vanish', port: 18630, spoolDir: path.join(root, 'vanish'), pagesPerMinute: 60 }));
    const document = await PDFDocument.create();
    for (let page = 0; page < 10; page += 1) document.addPage();
    const job = await printJob({ uri: printer.uri, jobName: 'np_vanish', documentFormat: 'application/pdf', data: Buffer.from(await document.save()) });
    await printer.kill();
    await expect(getJobAttributes(printer.uri, job.jobId)).rejects.toMatchObject({ code: 'unreachable' });
  });
});
