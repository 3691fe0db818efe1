import type { FilePayload } from '../../../electron/api/contract';

/** Hands an exported file to the browser's (or Electron's) download, which asks where to save it. */
export function saveFile(file: FilePayload): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads a file the clerk picked into the API's upload shape ({ fileName, base64 }). */
export async function readUpload(file: File): Promise<{ fileName: string; base64: string }> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < buf.length; i += 0x8000) binary += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return { fileName: file.name, base64: btoa(binary) };
}

/** Starts a one-time download the core offered (bundles, receipts, keys); streamed by the host. */
export function downloadOffered(d: { downloadId: string; fileName: string }): void {
  const a = document.createElement('a');
  a.href = `download/${d.downloadId}`;
  a.download = d.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
