/** One row of the Sổ đăng ký văn bản đến (ND30 Phụ lục IV), already formatted for printing. */
export interface IncomingBookRow {
  /** ISO dates; the exporters print them dd/MM/yyyy. */
  arrivalDate: string;
  arrivalNumber: number;
  sender: string;
  ref: string;
  docDate: string;
  /** Vietnamese type name ("Kế hoạch") or null. */
  docTypeName: string | null;
  subject: string;
  /** Đơn vị hoặc người nhận: the routing's lead unit or person, else the registered recipient. */
  recipient: string | null;
  /** Ngày chuyển: the date the document was routed, ISO, or null. */
  transferDate: string | null;
  note: string | null;
  cancelled: boolean;
}

export interface IncomingBookMeta {
  /** Name of the keeping organisation, printed on the cover line; may be empty. */
  organName: string;
  bookName: string;
  from: string;
  to: string;
  fromNumber: number | null;
  toNumber: number | null;
}
