// What the page keeps outside localStorage, for `src/web/safekeeping.rs`:
// the automatic backup file (the File System Access API, Chromium and Edge),
// the undo of the last import or restore, and the key that signs this
// browser's exports (`src/web/signing.rs`), all in IndexedDB.
//
// Written in JavaScript because both APIs are promise and callback shaped
// through and through: a few lines here, where web-sys's IndexedDB bindings
// would put request and callback glue into the page's wasm (and the file
// picker needs web-sys's unstable APIs). Not a wasm-bindgen snippet: the
// workers link the same crate and are built as classic scripts, which
// cannot import one. A deferred classic script: it runs once the page is
// parsed and before the app's module (both in document order), and as a
// parser-blocking script it held back the fetch of the app's wasm, which is
// announced after it (resource timing: the wasm waited for the CSS and this
// file; deferred, all start together). The app reaches it as the global
// `thiduaSafekeeping`.
'use strict';
(() => {
  const DATABASE = 'thidua';
  const STORE = 'safekeeping';
  const BACKUP_FILE = 'backup-file';
  const UNDO = 'undo';

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  // One request in its own transaction; resolves once the transaction is
  // committed, so a value is on disk before the caller goes on.
  async function run(mode, act) {
    const database = await open();
    try {
      return await new Promise((resolve, reject) => {
        const transaction = database.transaction(STORE, mode);
        const request = act(transaction.objectStore(STORE));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
      });
    } finally {
      database.close();
    }
  }
  const SIGNING_KEY = 'signing-key';
  const get = (key) => run('readonly', (store) => store.get(key));
  const put = (key, value) => run('readwrite', (store) => store.put(value, key));
  const remove = (key) => run('readwrite', (store) => store.delete(key));
  const READ_WRITE = { mode: 'readwrite' };
  const base64 = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));
  async function signingPair() {
    let pair = await get(SIGNING_KEY);
    if (!pair) {
      pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
      await put(SIGNING_KEY, pair);
    }
    return pair;
  }

  window.thiduaSafekeeping = {
    fileAccess: () => typeof window.showSaveFilePicker === 'function',

    // Asks where to write; resolves to the file's name, or null when the
    // user closed the dialog.
    async chooseBackupFile(suggestedName) {
      let handle;
      try {
        handle = await window.showSaveFilePicker({
          suggestedName,
          types: [{ description: 'Bản sao lưu thidua (JSON)', accept: { 'application/json': ['.json'] } }],
        });
      } catch (error) {
        if (error && error.name === 'AbortError') return null;
        throw error;
      }
      await put(BACKUP_FILE, handle);
      return handle.name;
    },

    // [name, 'granted' | 'prompt' | 'denied'], or null with no file chosen.
    async backupFile() {
      const handle = await get(BACKUP_FILE);
      if (!handle) return null;
      return [handle.name, await handle.queryPermission(READ_WRITE)];
    },

    // After a restart the browser asks again; this needs the user's click.
    async allowBackupFile() {
      const handle = await get(BACKUP_FILE);
      return handle ? handle.requestPermission(READ_WRITE) : 'denied';
    },

    // Writes the whole file (the browser swaps it in on close, so a reader
    // never sees half a backup); false when permission is not granted.
    async writeBackupFile(text) {
      const handle = await get(BACKUP_FILE);
      if (!handle || (await handle.queryPermission(READ_WRITE)) !== 'granted') return false;
      const writable = await handle.createWritable();
      await writable.write(text);
      await writable.close();
      return true;
    },

    forgetBackupFile: () => remove(BACKUP_FILE),

    // This browser's ECDSA P-256 key pair, made on first use: the private
    // half is not extractable, so it can sign but never leave the browser.
    // Resolves to the public key (raw, base64), or null without WebCrypto
    // (a plain-HTTP intranet host is not a secure context).
    async signingKey() {
      if (!globalThis.crypto || !crypto.subtle) return null;
      const pair = await signingPair();
      return base64(await crypto.subtle.exportKey('raw', pair.publicKey));
    },
    // The signature (r‖s, base64) of the UTF-8 bytes of `text`.
    async sign(text) {
      const pair = await signingPair();
      const data = new TextEncoder().encode(text);
      return base64(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, data));
    },

    // The workspace before the last import or restore, and what it was.
    keepUndo: (label, workspace) => put(UNDO, [label, workspace]),
    undo: async () => (await get(UNDO)) ?? null,
    forgetUndo: () => remove(UNDO),
  };
})();
