// Raw-bytes uploads with progress (XMLHttpRequest: fetch has no upload progress). The endpoint
// is one of the protocol's `binary` endpoints; errors are the client's ApiError.
import { CSRF_HEADER } from '@emtihan/protocol';
import { ApiError, apiErrorFrom } from './client';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export const networkError = (e: unknown) =>
  new ApiError(0, 'network', e instanceof Error ? e.message : String(e));

export function uploadBytes<T>(opts: {
  url: string;
  blob: Blob;
  contentType: string;
  csrfToken: string;
  parse: (json: unknown) => { success: true; data: T } | { success: false };
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', opts.url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', opts.contentType);
    xhr.setRequestHeader(CSRF_HEADER, opts.csrfToken);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) =>
      opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : opts.blob.size });
    xhr.onerror = () => reject(networkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: judged by the status below
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = opts.parse(json);
        if (parsed.success) return resolve(parsed.data);
      }
      reject(apiErrorFrom(xhr.status, json, xhr.statusText));
    };
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(opts.blob);
  });
}
