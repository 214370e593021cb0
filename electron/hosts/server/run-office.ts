import type { AppContext } from '../../app/context';
import { recordServerStart } from '../../sessions/service';
import { expireSigningRequests } from '../../outgoing/pending-signing';
import { startOfficeServer, type OfficeServer, type OfficeServerOptions } from './office-server';

/**
 * The office server as `vanphong server` and the desktop's «Chia sẻ cho cơ quan» run it: recorded in the settings
 * (the admin's screen shows the URL and fingerprint), with pending signatures expired after 10 minutes.
 */
export async function runOfficeServer(app: AppContext, opts: OfficeServerOptions): Promise<OfficeServer> {
  const server = await startOfficeServer(app, opts);
  recordServerStart(app, { url: server.url, fingerprint: server.fingerprint, names: opts.identity.names });
  const sweep = setInterval(() => {
    try {
      expireSigningRequests(app);
    } catch (e) {
      console.error('[vanphong] pending signatures:', (e as Error).message);
    }
  }, 15_000);
  sweep.unref();
  const close = server.close;
  return {
    ...server,
    close: (graceMs?: number) => {
      clearInterval(sweep);
      return close(graceMs);
    },
  };
}
