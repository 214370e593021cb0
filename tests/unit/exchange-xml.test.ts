// electron/exchange/xml.ts: the only reader of packages from other offices (issue 18).
import { expect, it } from 'vitest';
import { readXml, childText, findNamed } from '../../electron/exchange/xml';
const enc = (s: string) => new TextEncoder().encode(s);
it('reads a namespaced package and refuses DOCTYPE, broken markup and oversize input before reading anything', () => {
  const d = readXml(enc('<?xml version="1.0"?><edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:Subject>Kế hoạch</edXML:Subject></edXML:edXML>'), { maxBytes: 1000 });
  expect(findNamed(d, 'Subject')?.textContent).toBe('Kế hoạch');
  expect(childText(d.documentElement, 'Subject')).toBe('Kế hoạch');
  expect(() => readXml(enc('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'), { maxBytes: 1000 })).toThrow(/DOCTYPE/);
  expect(() => readXml(enc('<x><y></x>'), { maxBytes: 1000 })).toThrow(/không phải XML/);
  expect(() => readXml(enc('<x>'.repeat(10)), { maxBytes: 5 })).toThrow(/quá lớn/);
});
