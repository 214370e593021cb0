import { z } from 'zod';
import { id, optionalText, requiredText } from '../api/fields';

/** Nơi nhận: a saved list is a sequence of entries, each an organisation, a group or free text, with a purpose. */
const purpose = optionalText('mục đích gửi', 100);

export const listEntry = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('organization'), id: id('mã cơ quan'), purpose }),
    /** expand: print every member on its own line instead of the group's name. */
    z.object({ kind: z.literal('group'), id: id('mã nhóm'), purpose, expand: z.boolean().default(false) }),
    z.object({ kind: z.literal('text'), text: requiredText('nơi nhận', 500), purpose }),
  ],
  { error: 'Mỗi nơi nhận phải là một cơ quan, một nhóm hoặc một dòng chữ.' },
);
export type ListEntry = z.output<typeof listEntry>;

export const saveListInput = z.object({
  id: id('mã danh sách').optional(),
  name: requiredText('tên danh sách', 200),
  entries: z.array(listEntry).min(1, { error: 'Danh sách nơi nhận phải có ít nhất một nơi nhận.' }).max(300),
});

export const saveGroupInput = z.object({
  id: id('mã nhóm').optional(),
  name: requiredText('tên nhóm', 200),
  memberIds: z.array(id('mã cơ quan')).min(1, { error: 'Nhóm phải có ít nhất một cơ quan.' }).max(1000),
});

export const importDirectoryInput = z.object({
  fileName: requiredText('tên tệp', 255),
  data: z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength > 0, { error: 'Tệp rỗng.' }),
});

export const resolveListInput = z.object({ id: id('mã danh sách') });

export interface RecipientGroup {
  id: number;
  name: string;
  members: { id: number; name: string }[];
}

export interface RecipientList {
  id: number;
  name: string;
  entries: ListEntry[];
  createdBy: number | null;
  updatedAt: string;
}

/** An entry with the names it prints, resolved from the directory. */
export interface ResolvedEntry {
  /** The lines it prints: one for an organisation, a group's name, or each member of an expanded group. */
  lines: string[];
  purpose: string | null;
  organizationIds: number[];
}

export interface DirectoryImportReport {
  added: number;
  updated: number;
  groups: number;
  issues: { line: number; field?: string; message: string }[];
}
