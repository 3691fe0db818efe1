import { z } from 'zod';

/** Shapes every register shares. */

export interface Page<T> {
  rows: T[];
  total: number;
}

/**
 * A file travelling through the API (exports out, spreadsheets in). Base64 keeps both
 * transports (IPC, JSON over HTTP) identical; the renderer turns it into a download.
 */
export interface FilePayload {
  fileName: string;
  mime: string;
  base64: string;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const empty = z.strictObject({});

