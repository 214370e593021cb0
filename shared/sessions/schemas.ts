import { z } from 'zod';

/** Who is logged in through the HTTP hosts (browsers, desktop clients of the office server), for the administrator. */
export interface SessionInfo {
  id: number;
  userId: number;
  username: string;
  fullName: string;
  /** The client's IP address. */
  address: string;
  /** The browser or client, as it names itself (User-Agent, shortened). */
  client: string;
  createdAt: string;
  seenAt: string;
  /** The session making this call. */
  current: boolean;
}

export interface SessionSettings {
  /** A login ends after this many minutes without a call. */
  idleMinutes: number;
  /** … and after this many hours in any case. */
  maxHours: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMinutes: 60, maxHours: 12 };

export const sessionSettingsInput = z.object({
  idleMinutes: z.number({ error: 'Thời gian chờ phải là số phút.' }).int({ error: 'Thời gian chờ phải là số phút nguyên.' }).min(5, { error: 'Thời gian chờ ít nhất 5 phút.' }).max(24 * 60, { error: 'Thời gian chờ nhiều nhất 24 giờ.' }),
  maxHours: z.number({ error: 'Thời hạn phải là số giờ.' }).int({ error: 'Thời hạn phải là số giờ nguyên.' }).min(1, { error: 'Thời hạn ít nhất 1 giờ.' }).max(24 * 30, { error: 'Thời hạn nhiều nhất 30 ngày.' }),
});

/** What the office server reports about itself (the admin compares the fingerprint with what clients show). */
export interface ServerInfo {
  /** 'office': the HTTPS office server; 'local': this computer only. */
  mode: 'office' | 'local';
  url: string | null;
  /** SHA-256 of the server certificate («AB:CD:…»). */
  fingerprint: string | null;
  names: string[];
  startedAt: string | null;
}
