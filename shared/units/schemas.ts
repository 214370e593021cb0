import { z } from 'zod';
import { id, optionalText, requiredText } from '../api/fields';

/** A unit of the office (phòng, ban, tổ): its head and members are accounts. */
export interface UnitMember {
  id: number;
  username: string;
  fullName: string;
}

export interface UnitInfo {
  id: number;
  name: string;
  head: UnitMember | null;
  members: UnitMember[];
}

const username = (label: string) => requiredText(label, 100);

export const saveUnitInput = z.object({
  /** Absent: a new unit. */
  id: id('mã đơn vị').optional(),
  name: requiredText('tên đơn vị', 200),
  /** The head's account name; the head reads what is routed to the unit, secret documents included. */
  head: optionalText('trưởng đơn vị', 100),
  members: z.array(username('thành viên')).max(500, { error: 'Tối đa 500 thành viên một đơn vị.' }).default([]),
});

/**
 * Who reads secret documents besides the people named on them (Luật Bảo vệ bí mật nhà nước 2018; ND30 Điều 15): the
 * văn thư who keeps the secret register and the head of the office. With nobody chosen, every văn thư and every lãnh
 * đạo counts as such (a small office), and the screen says so.
 */
export interface SecrecySettings {
  secretClerks: UnitMember[];
  officeHeads: UnitMember[];
  /** The installation is a machine kept off any network: only then are a secret document's files kept. */
  offlineMachine: boolean;
}

export const saveSecrecyInput = z.object({
  secretClerks: z.array(username('văn thư giữ sổ mật')).max(20, { error: 'Tối đa 20 người.' }).default([]),
  officeHeads: z.array(username('thủ trưởng cơ quan')).max(20, { error: 'Tối đa 20 người.' }).default([]),
  offlineMachine: z.boolean({ error: 'Chọn có hoặc không.' }).default(false),
});
