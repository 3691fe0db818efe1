import { ApiFailure } from './client';
import { electronBridge } from './bridge';
import { getToken } from './token';
import { OFFLINE, UNAUTHORIZED } from './transport';
import { readUpload } from './files';

/** How a picked sync bundle reaches `sync.preview`: an id of a streamed upload, or the file inline. */
export type BundleSource = { uploadId: string } | { file: { fileName: string; base64: string } };

const FAILED = { code: 'upload_failed', message: '文件上传失败，请重新选择文件' };

/**
 * Browser mode streams the file to the host's POST /upload (no base64, no JSON), which answers
 * with a one-time id. The Electron window has no such route (IPC only, and main has no
 * open-file dialog), so there the file still travels inline as base64, bounded at 48 MB.
 * Throws ApiFailure with the host's Chinese message (e.g. 413 文件过大).
 */
export async function sendBundle(file: File): Promise<BundleSource> {
  if (electronBridge()) return { file: await readUpload(file) };
  const token = getToken();
  if (!token) throw new ApiFailure(UNAUTHORIZED);
  let res: Response;
  try {
    res = await fetch('upload', {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-Ledger-Token': token, 'X-File-Name': encodeURIComponent(file.name) },
      body: file,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiFailure(OFFLINE);
  }
  if (res.status === 401) throw new ApiFailure(UNAUTHORIZED);
  const body = (await res.json().catch(() => null)) as { ok?: boolean; value?: { uploadId?: unknown }; error?: { code: string; message: string } } | null;
  if (body?.ok === true && typeof body.value?.uploadId === 'string') return { uploadId: body.value.uploadId };
  throw new ApiFailure(body?.error && typeof body.error.message === 'string' ? body.error : FAILED);
}
