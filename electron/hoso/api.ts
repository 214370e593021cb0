import type { hosoMethods } from '../../shared/hoso/api';
import type { HandlersOf } from '../app/handler';
import { exportCatalogue, exportContents } from './contents';
import { approveDisposal, requestDisposal } from './disposal';
import { dueForHandover, handover, packageOf, verifyPackage } from './package';
import { addRetention, listRetention, updateRetention } from './retention';
import * as service from './service';

export const hosoHandlers = {
  'hoso.list': service.listHoso,
  'hoso.get': service.getHoso,
  'hoso.add': service.addHoso,
  'hoso.update': service.updateHoso,
  'hoso.addDoc': service.addDoc,
  'hoso.removeDoc': service.removeDoc,
  'hoso.reorder': service.reorder,
  'hoso.close': service.closeHoso,
  'hoso.reopen': service.reopenHoso,
  'hoso.contents': exportContents,
  'hoso.catalogue': exportCatalogue,
  'hoso.dueForHandover': dueForHandover,
  'hoso.handover': handover,
  'hoso.package': packageOf,
  'hoso.verifyPackage': verifyPackage,
  'hoso.requestDisposal': requestDisposal,
  'hoso.approveDisposal': approveDisposal,
  'retention.list': (app) => listRetention(app),
  'retention.add': addRetention,
  'retention.update': updateRetention,
} satisfies HandlersOf<typeof hosoMethods>;
