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
  /** The audit chain's head when printed (registers/anchor.ts), under the last row. */
  anchor: string;
}

/** One row of the Sổ đăng ký văn bản đi (ND30 Điều 16, Phụ lục IV: 10 columns), already formatted for printing. */
export interface OutgoingBookRow {
  number: number;
  /** Số, ký hiệu as issued: "01/KH-UBND" (State) or "01-KH/ĐU" (Party). */
  ref: string;
  /** Ngày tháng văn bản, ISO. */
  docDate: string;
  docTypeName: string | null;
  subject: string;
  /** Người ký: the signer's name as printed on the document. */
  signer: string;
  /** Nơi nhận văn bản: the recipients, one per line. */
  recipients: string[];
  /** Đơn vị, người nhận bản lưu: the "Lưu" line's units ("VT, KHHT"). */
  archive: string;
  copies: number | null;
  /** Ngày chuyển: the first day the document was sent, ISO, or null. */
  transferDate: string | null;
  note: string | null;
  /** A number that was used but not issued (cancelled issuance, skipped, reserved) prints with its note, struck through. */
  status: 'issued' | 'cancelled' | 'skipped' | 'reserved';
}

export interface OutgoingBookMeta {
  organName: string;
  bookName: string;
  /** "Năm 2026" or "Nhiệm kỳ 2025–2030". */
  periodLabel: string;
  from: string;
  to: string;
  fromNumber: number | null;
  toNumber: number | null;
  anchor: string;
}

/** One row of the Sổ theo dõi giải quyết văn bản đến (ND30 Phụ lục IV: 7 columns). */
export interface FollowUpRow {
  arrivalNumber: number;
  /** Tên loại, số, ký hiệu, ngày tháng và cơ quan ban hành: "Kế hoạch số 70/KH-UBND ngày 10/03/2026 của UBND tỉnh Bắc Ninh". */
  document: string;
  /** Đơn vị hoặc người nhận (the lead of the routing). */
  recipient: string | null;
  /** Thời hạn giải quyết, ISO, or null. */
  deadline: string | null;
  /** Tiến độ giải quyết: "Đang xử lý", "Hoàn thành ngày 20/03/2026", "Quá hạn 3 ngày". */
  progress: string;
  /** Số, ký hiệu văn bản trả lời, or null. */
  replyRef: string | null;
  note: string | null;
  overdue: boolean;
}

export interface FollowUpMeta {
  organName: string;
  bookName: string;
  from: string;
  to: string;
  anchor: string;
}
