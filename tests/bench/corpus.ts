/** Realistic Vietnamese register text for the benchmark, generated deterministically from a seed. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const PROVINCES = ['Hà Nội', 'Bắc Ninh', 'Thái Nguyên', 'Nghệ An', 'Thừa Thiên Huế', 'Đà Nẵng', 'Khánh Hòa', 'Đắk Lắk', 'Lâm Đồng', 'Đồng Nai', 'Cần Thơ', 'An Giang', 'Quảng Ninh', 'Hải Phòng', 'Thanh Hóa', 'Lào Cai'];
const ORGAN_KINDS = ['Ủy ban nhân dân tỉnh', 'Sở Tài chính', 'Sở Nội vụ', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Khoa học và Công nghệ', 'Tỉnh ủy', 'Ban Tuyên giáo Tỉnh ủy', 'Liên minh Hợp tác xã tỉnh', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'Đảng ủy Khối các cơ quan tỉnh', 'Công an tỉnh', 'Bảo hiểm xã hội tỉnh', 'Hội Nông dân tỉnh'];
const CENTRAL = ['Bộ Nội vụ', 'Bộ Tài chính', 'Văn phòng Chính phủ', 'Văn phòng Trung ương Đảng', 'Bộ Khoa học và Công nghệ', 'Liên minh Hợp tác xã Việt Nam', 'Ban Tổ chức Trung ương', 'Bộ Kế hoạch và Đầu tư'];
const TYPES: [string, string][] = [['Kế hoạch', 'KH'], ['Công văn', ''], ['Quyết định', 'QĐ'], ['Thông báo', 'TB'], ['Báo cáo', 'BC'], ['Tờ trình', 'TTr'], ['Giấy mời', 'GM'], ['Chương trình', 'CTr'], ['Hướng dẫn', 'HD'], ['Nghị quyết', 'NQ']];
const TOPICS = ['tổ chức Đại hội Đảng bộ nhiệm kỳ 2025–2030', 'triển khai chuyển đổi số', 'phòng, chống thiên tai và tìm kiếm cứu nạn', 'thực hiện Nghị quyết số 57-NQ/TW', 'kiện toàn tổ chức bộ máy', 'quyết toán ngân sách năm', 'tuyển dụng công chức', 'phát triển kinh tế tập thể, hợp tác xã', 'cải cách hành chính', 'công tác thi đua, khen thưởng', 'phòng, chống tham nhũng, tiêu cực', 'bảo đảm an toàn giao thông dịp Tết', 'tiếp công dân định kỳ', 'sắp xếp đơn vị hành chính cấp xã', 'đào tạo, bồi dưỡng cán bộ', 'xây dựng nông thôn mới', 'bảo vệ môi trường và ứng phó biến đổi khí hậu', 'kiểm tra, giám sát của Ủy ban Kiểm tra', 'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', 'an toàn thông tin mạng'];
const VERBS = ['về việc', 'triển khai', 'hướng dẫn', 'tăng cường', 'tổng kết', 'sơ kết', 'đôn đốc', 'góp ý dự thảo về'];

export interface Organ {
  name: string;
  abbr: string;
}

export function organs(): Organ[] {
  const out: Organ[] = CENTRAL.map((n) => ({ name: n, abbr: abbr(n) }));
  for (const p of PROVINCES) for (const k of ORGAN_KINDS) out.push({ name: `${k} ${p}`, abbr: abbr(k) });
  return out;
}

function abbr(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .toUpperCase()
    .replace(/Đ/g, 'Đ');
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

export function subject(r: () => number): { type: string; abbr: string; subject: string } {
  const [type, a] = pick(r, TYPES);
  return { type, abbr: a, subject: `${type} ${pick(r, VERBS)} ${pick(r, TOPICS)}` };
}

/** Queries a văn thư types: topic words, sender names, numbers; the caller folds half of them. */
export function queries(r: () => number, n: number): string[] {
  const out: string[] = [];
  const words = TOPICS.flatMap((t) => t.split(/[\s,–]+/)).filter((w) => w.length > 2);
  for (let i = 0; i < n; i++) {
    const k = i % 4;
    if (k === 0) out.push(pick(r, TOPICS).split(' ').slice(0, 3).join(' '));
    else if (k === 1) out.push(`${pick(r, TYPES)[0]} ${pick(r, words)}`);
    else if (k === 2) out.push(pick(r, [...ORGAN_KINDS, ...CENTRAL]).split(' ').slice(0, 2).join(' ') + ' ' + pick(r, PROVINCES));
    else out.push(`${pick(r, words)} ${pick(r, words)}`);
  }
  return out;
}

// Selective queries (issue 15): a few records from rare organs, on rare topics, spread through the corpus, so that a
// search for one of them — or for one số, ký hiệu — has under 50 hits in 1,000,000 documents.
export const RARE_RECORDS = 40;
const RARE_ORGANS = ['Ban Quản lý Vườn quốc gia Cúc Phương', 'Trung tâm Lưu trữ lịch sử tỉnh Điện Biên', 'Cảng vụ Hàng hải Quy Nhơn', 'Đài Khí tượng Thủy văn khu vực Tây Bắc', 'Viện Khảo cổ học'];
const RARE_ORGAN_QUERIES = ['Vườn quốc gia Cúc Phương', 'Lưu trữ lịch sử Điện Biên', 'Cảng vụ Quy Nhơn', 'Khí tượng Tây Bắc', 'Viện Khảo cổ'];
const RARE_TOPICS = ['bảo tồn quần thể voọc mông trắng', 'cứu hộ rùa Hoàn Kiếm', 'bảo vệ sếu đầu đỏ mùa di cư', 'khảo sát cá heo Irrawaddy', 'tu bổ chùa Bút Tháp'];
const RARE_PHRASES = ['voọc mông trắng', 'rùa Hoàn Kiếm', 'sếu đầu đỏ', 'cá heo Irrawaddy', 'chùa Bút Tháp'];

/**
 * The record at position k as generated (`org`, `s`, drawn first so the random sequence is unchanged), or, for
 * RARE_RECORDS positions evenly spread over `total`, one from a rare organ on a rare topic.
 */
export function rareOrCommon(k: number, total: number, org: Organ, s: ReturnType<typeof subject>): [Organ, ReturnType<typeof subject>] {
  const step = Math.max(1, Math.floor(total / RARE_RECORDS));
  if (k % step !== step >> 1) return [org, s];
  const i = Math.floor(k / step);
  const name = RARE_ORGANS[i % RARE_ORGANS.length];
  return [{ name, abbr: abbr(name) }, { ...s, subject: `${s.type} ${RARE_TOPICS[i % RARE_TOPICS.length]}` }];
}

/** Selective queries in three kinds, one of each in turn: a số, ký hiệu seen in the corpus, a rare organ, a three-word phrase. */
export function selectiveQueries(refs: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 3;
    const j = Math.floor(i / 3);
    out.push(k === 0 ? refs[j % refs.length] : k === 1 ? RARE_ORGAN_QUERIES[j % RARE_ORGAN_QUERIES.length] : RARE_PHRASES[j % RARE_PHRASES.length]);
  }
  return out;
}
