import type { ApiError, Result } from '../../../electron/api/contract';
import type { ChannelName } from '../../../electron/api/channels';
import { electronBridge } from './bridge';
import { getToken } from './token';

export const UNAUTHORIZED: ApiError = {
  code: 'unauthorized',
  message: '访问令牌无效，请使用启动时显示的完整地址重新打开',
};
export const OFFLINE: ApiError = { code: 'offline', message: '无法连接到本机服务，请确认程序仍在运行' };
const BAD_RESPONSE: ApiError = { code: 'bad_response', message: '本机服务返回的内容无法识别，请重试' };

function isResult(v: unknown): v is Result<unknown> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  const r = v as { ok: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return true;
  return r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string';
}

async function httpCall(channel: ChannelName, payload: unknown): Promise<Result<unknown>> {
  const token = getToken();
  if (!token) return { ok: false, error: UNAUTHORIZED };
  let res: Response;
  try {
    res = await fetch('api/' + channel, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': token },
      body: JSON.stringify(payload ?? {}),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    return { ok: false, error: OFFLINE };
  }
  if (res.status === 401) return { ok: false, error: UNAUTHORIZED };
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, error: BAD_RESPONSE };
  }
  return isResult(body) ? body : { ok: false, error: BAD_RESPONSE };
}

/** Sends one call over whichever host we are running in. Never throws. */
export async function send(channel: ChannelName, payload: unknown): Promise<Result<unknown>> {
  const bridge = electronBridge();
  if (!bridge) return httpCall(channel, payload);
  try {
    const r = await bridge.call(channel, payload ?? {});
    return isResult(r) ? r : { ok: false, error: BAD_RESPONSE };
  } catch {
    return { ok: false, error: OFFLINE };
  }
}

/** True when the renderer can talk to a host at all (Electron bridge, or a browser token). */
export function hasCredentials(): boolean {
  return electronBridge() !== null || getToken() !== null;
}
