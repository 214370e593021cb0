import { empty, method, type MethodTable } from '../api/define';
import type { ExportedFile } from '../registers/schemas';
import type { hosoAccess } from './access';
import * as s from './schemas';

export const hosoMethods = {
  'hoso.list': method<typeof s.listHosoInput, s.HosoSummary[]>(s.listHosoInput),
  'hoso.get': method<typeof s.hosoIdInput, s.HosoDetail>(s.hosoIdInput),
  'hoso.add': method<typeof s.addHosoInput, s.HosoDetail>(s.addHosoInput),
  'hoso.update': method<typeof s.updateHosoInput, s.HosoDetail>(s.updateHosoInput),
  'hoso.addDoc': method<typeof s.hosoDocInput, s.HosoDetail>(s.hosoDocInput),
  'hoso.removeDoc': method<typeof s.hosoDocInput, s.HosoDetail>(s.hosoDocInput),
  'hoso.reorder': method<typeof s.reorderInput, s.HosoDetail>(s.reorderInput),
  'hoso.close': method<typeof s.hosoIdInput, s.HosoDetail>(s.hosoIdInput),
  'hoso.reopen': method<typeof s.reopenInput, s.HosoDetail>(s.reopenInput),
  'hoso.contents': method<typeof s.contentsInput, ExportedFile>(s.contentsInput),
  'hoso.catalogue': method<typeof s.catalogueInput, ExportedFile>(s.catalogueInput),
  'hoso.dueForHandover': method<typeof s.dueInput, s.DueForHandover[]>(s.dueInput),
  'hoso.handover': method<typeof s.handoverInput, s.HandoverPackage[]>(s.handoverInput),
  'hoso.package': method<typeof s.hosoIdInput, s.HandoverPackage>(s.hosoIdInput),
  'hoso.verifyPackage': method<typeof s.verifyPackageInput, s.PackageReport>(s.verifyPackageInput),
  'hoso.requestDisposal': method<typeof s.requestDisposalInput, s.HosoDetail>(s.requestDisposalInput),
  'hoso.approveDisposal': method<typeof s.approveDisposalInput, s.HosoDetail>(s.approveDisposalInput),
  'retention.list': method<typeof empty, s.RetentionRow[]>(empty),
  'retention.add': method<typeof s.addRetentionInput, s.RetentionRow>(s.addRetentionInput),
  'retention.update': method<typeof s.updateRetentionInput, s.RetentionRow>(s.updateRetentionInput),
} satisfies MethodTable<typeof hosoAccess>;
