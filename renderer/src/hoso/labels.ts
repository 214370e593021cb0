import type { HosoStatus } from '../../../shared/hoso/schemas';

/** Tag colours of a hồ sơ's state. */
export const STATUS_COLOR: Record<HosoStatus, string> = { mo: 'blue', dong: 'gold', 'nop-luu': 'green', huy: 'default' };

export const thisYear = () => new Date().getFullYear();

/** The years offered: from five years back to next year. */
export const yearOptions = () => Array.from({ length: 7 }, (_, i) => thisYear() + 1 - i).map((y) => ({ value: y, label: `Năm ${y}` }));
