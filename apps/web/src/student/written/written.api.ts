// The student's calls for one written-exam sitting. JSON calls go through the shell's typed
// client (its ApiError carries the server's `reason` for a refusal); uploads need raw bytes and
// progress (XMLHttpRequest), and the speed test raw bytes.
import {
  api,
  CSRF_HEADER,
  SessionFileView,
  type SaveAnswerAck,
  type SaveAnswerBody,
  type SessionCommand,
  type SessionFileKind,
  type SessionView,
} from '@emtihan/protocol';
import { ApiError, apiErrorFrom, fillPath, type ApiClient } from '../../api/client';
import { networkError, uploadBytes, type UploadProgress } from '../../api/upload';

export type { UploadProgress };

export interface WrittenApi {
  mySession(examId: string): Promise<SessionView>;
  getSession(sessionId: string): Promise<SessionView>;
  command(sessionId: string, command: SessionCommand): Promise<SessionView>;
  saveAnswer(sessionId: string, body: SaveAnswerBody): Promise<SaveAnswerAck>;
  upload(
    sessionId: string,
    file: { kind: SessionFileKind; name: string; blob: Blob; contentType: string },
    onProgress?: (p: UploadProgress) => void,
    signal?: AbortSignal,
  ): Promise<SessionFileView>;
  /** Takes an attachment back (before submitting); the new view. */
  removeFile(sessionId: string, fileId: string): Promise<SessionView>;
  /** Kbit/s of a 256 KB upload to our server; null when the server has no speed-test endpoint. */
  measureUpload(): Promise<number | null>;
}

export function createWrittenApi(client: ApiClient): WrittenApi {
  let csrf: string | null = null;
  const token = async () => (csrf ??= (await client.call('me')).csrfToken);

  /** Lets the shell see a lost login (its 401 listener sends the person to the login page). */
  const onUnauthenticated = (sessionId: string) => {
    csrf = null;
    client.call('getSession', { params: { sessionId } }).catch(() => {});
  };

  return {
    mySession: (examId) => client.call('mySession', { params: { examId } }),
    getSession: (sessionId) => client.call('getSession', { params: { sessionId } }),
    command: (sessionId, command) =>
      client.call('sessionCommand', { params: { sessionId }, body: command }),
    saveAnswer: (sessionId, body) => client.call('saveAnswer', { params: { sessionId }, body }),

    async upload(sessionId, file, onProgress, signal) {
      const query = new URLSearchParams({ kind: file.kind, name: file.name });
      const url = `${fillPath(api.uploadSessionFile.path, { sessionId })}?${query}`;
      const csrfToken = await token().catch((e: unknown) => {
        throw e instanceof ApiError ? e : networkError(e);
      });
      return uploadBytes({
        url,
        blob: file.blob,
        contentType: file.contentType,
        csrfToken,
        parse: (j) => SessionFileView.safeParse(j),
        ...(onProgress ? { onProgress } : {}),
        ...(signal ? { signal } : {}),
      }).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) onUnauthenticated(sessionId);
        throw e;
      });
    },

    removeFile: (sessionId, fileId) =>
      client.call('removeSessionFile', { params: { sessionId, fileId } }),

    async measureUpload() {
      const bytes = new Uint8Array(256 * 1024);
      // Random bytes, so no proxy can compress the test away.
      for (let i = 0; i < bytes.length; i += 65536)
        crypto.getRandomValues(bytes.subarray(i, i + 65536));
      const started = performance.now();
      let response: Response;
      try {
        response = await fetch(api.speedTest.path, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/octet-stream', [CSRF_HEADER]: await token() },
          body: bytes,
        });
      } catch (e) {
        throw networkError(e);
      }
      const ms = performance.now() - started;
      if (response.status === 404) return null;
      if (!response.ok)
        throw apiErrorFrom(response.status, await response.json().catch(() => null));
      return Math.round((bytes.length * 8) / Math.max(ms, 1));
    },
  };
}
