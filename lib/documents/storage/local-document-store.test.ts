import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalDocumentStore } from './local-document-store';

describe('createLocalDocumentStore', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'nearprint-store-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('puts, reads, streams, checks and deletes', async () => {
    const store = createLocalDocumentStore({ root });
    await store.put('documents/doc_1/original.pdf', Buffer.from('%PDF-1.7'));
    expect(await store.exists('documents/doc_1/original.pdf')).toBe(true);
    expect((await store.get('documents/doc_1/original.pdf')).toString()).toBe('%PDF-1.7');
    const streamed = await new Response(await store.stream('documents/doc_1/original.pdf')).text();
    expect(streamed).toBe('%PDF-1.7');
    // Each readStream is a fresh read from the start (a resend reads the whole file again).
    for (let i = 0; i < 2; i++) expect(await text(await store.readStream('documents/doc_1/original.pdf'))).toBe('%PDF-1.7');
    await store.delete('documents/doc_1/original.pdf');
    await store.delete('documents/doc_1/original.pdf');
    expect(await store.exists('documents/doc_1/original.pdf')).toBe(false);
  });

  it('accepts Node and web streams, leaving no temp files behind', async () => {
    const store = createLocalDocumentStore({ root });
    await store.put('a/node', Readable.from([Buffer.from('one'), Buffer.from('two')]));
    await store.put('a/web', new Response('web stream').body!);
    expect((await store.get('a/node')).toString()).toBe('onetwo');
    expect((await store.get('a/web')).toString()).toBe('web stream');
    expect(await readdir(path.join(root, 'a'))).toEqual(['node', 'web']);
  });

  it('reports a missing document as not_found', async () => {
    const store = createLocalDocumentStore({ root });
    await expect(store.get('missing/file')).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.stream('missing/file')).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.readStream('missing/file')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses keys that could leave the store', async () => {
    const store = createLocalDocumentStore({ root });
    for (const key of ['../escape', 'a/../../b', '/etc/passwd', 'a//b', '.hidden', 'a\\b', '', 'a/./b', `x/${'y'.repeat(200)}`]) {
      await expect(store.put(key, Buffer.from('x')), key).rejects.toThrow(/Invalid storage key/);
      await expect(store.get(key), key).rejects.toThrow(/Invalid storage key/);
    }
  });
});

async function text(readable: Readable): Promise<string> {
  let all = '';
  for await (const chunk of readable) all += (chunk as Buffer).toString();
  return all;
}
