import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftSchema, type Block, type DraftInput } from '../../shared/drafting/model';
import { parseOfficialText, type ParseResult } from '../../shared/drafting/parse-text';
import { splitMerged } from '../../shared/drafting/parse-text/columns';
import { pageNumberOf, removeFurniture } from '../../shared/drafting/parse-text/furniture';
import { fromMarkdown, isMarkdown } from '../../shared/drafting/parse-text/markdown';
import { reflow } from '../../shared/drafting/parse-text/reflow';

/*
 * The shapes text really arrives in, each on a small input: hard-wrapped lines (a PDF viewer's copy, pdftotext),
 * pdftotext -layout's columns, converter Markdown, page furniture, OCR slips, compound titles and a Quyết định's
 * parts. The two Party texts in tests/fixtures/intake/shapes are excerpts of what pdf.js and pdftotext -layout gave for
 * the Chương trình hành động on Nghị quyết 57-NQ/TW as the exporter prints it.
 */
const shapes = path.resolve(__dirname, '../fixtures/intake/shapes');
const readShape = (name: string) => fs.readFileSync(path.join(shapes, name), 'utf8');

function parse(text: string): ParseResult {
  const r = parseOfficialText(text);
  const check = draftSchema.safeParse(r.draft);
  if (!check.success) throw new Error(check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  return r;
}
const blocks = (d: DraftInput): Block[] => (d.body ?? []) as Block[];
const texts = (d: DraftInput) => blocks(d).map((b) => ('text' in b ? b.text : ''));
const words = (s: string) => s.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every word of the draft's body is a word of the source: no two words glued where lines were joined. */
function gluedWords(source: string, d: DraftInput): string[] {
  const known = new Set(words(source));
  return words(JSON.stringify(blocks(d))).filter((w) => !known.has(w) && !/^(kind|paragraph|item|bullet|heading|section|label|text|bold|true|false|level|number|marker|part|article|activity|title)$/.test(w));
}

/** What both Party excerpts must give: the header, the compound title, the joined paragraphs, the closing. */
function checkPartyProgramme(src: string): void {
  const { draft: d } = parse(src);
  expect(d.profile).toBe('party');
  expect(d.parentOrgan).toBe('ĐẢNG BỘ KHỐI CÁC CƠ QUAN TRUNG ƯƠNG');
  expect(d.organ).toBe('ĐẢNG ỦY MẶT TRẬN TỔ QUỐC, CÁC ĐOÀN THỂ TRUNG ƯƠNG');
  expect([d.number, d.notation, d.place, d.date]).toEqual([1, 'CTr/ĐU', 'Hà Nội', '2025-03-05']);
  expect(d.docType).toBe('chuong-trinh');
  expect(d.title).toBe('CHƯƠNG TRÌNH HÀNH ĐỘNG');
  expect(d.subject).toBe(
    'thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia',
  );
  expect(blocks(d).map((b) => (b.kind === 'item' ? b.label : b.kind === 'heading' ? b.number : b.kind))).toEqual(['paragraph', 'I', '1.', '2.', '3.', 'II', '1.', 'paragraph', '5.']);
  // Paragraphs joined across the printed lines and across the page break, a space between the lines.
  expect(texts(d)[0]).toMatch(/^Thực hiện Nghị quyết số 57-NQ\/TW, .* về đột phá phát triển khoa học, .* ban hành Chương trình hành động thực hiện Nghị quyết như sau:$/);
  expect(texts(d)[2]).toContain('trong kỷ nguyên mới - kỷ nguyên vươn mình của dân tộc');
  expect(texts(d)[4]).toMatch(/Mặt trận Tổ quốc Việt Nam lần thứ X\.$/);
  expect(texts(d)[6]).toMatch(/^Tăng cường công tác tuyên truyền, .* đổi mới sáng tạo và chuyển đổi số quốc gia$/);
  expect(texts(d)).not.toContain('2');
  expect(texts(d)).not.toContain('3');
  expect(gluedWords(src, d)).toEqual([]);
  expect(d.signature).toEqual({ authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'BÍ THƯ', name: 'Đỗ Văn Chiến' });
  expect(d.recipients).toHaveLength(6);
  expect(d.recipients?.[1]).toEqual({ text: 'Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số', note: 'để b/c' });
  expect(d.archive).toEqual(['Văn phòng Đảng ủy']);
}

describe('hard-wrapped text (a PDF viewer’s copy)', () => {
  it('reads a Party Chương trình hành động copied from a PDF viewer: merged header columns, page numbers, wrapped lines', () => {
    checkPartyProgramme(readShape('party-programme.viewer.txt'));
  });

  it('joins wrapped lines only: headings, items, bullets, labels and signature lines stay apart', () => {
    const { lines } = reflow([
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      '- Nâng cao nhận thức, giáo dục truyền thống, khơi dậy lòng tự hào của đội ngũ',
      'cán bộ, viên chức, người lao động trong hệ thống Liên minh Hợp tác xã Việt Nam.',
      '+ Tổ chức các hoạt động truyền thông',
      'a) Lễ phát động',
      '• Hội nghị tổng kết',
      'Nơi nhận:',
      '- Như trên;',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Văn An',
    ]);
    expect(lines).toEqual([
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      '- Nâng cao nhận thức, giáo dục truyền thống, khơi dậy lòng tự hào của đội ngũ cán bộ, viên chức, người lao động trong hệ thống Liên minh Hợp tác xã Việt Nam.',
      '+ Tổ chức các hoạt động truyền thông',
      'a) Lễ phát động',
      '• Hội nghị tổng kết',
      'Nơi nhận:',
      '- Như trên;',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Văn An',
    ]);
  });

  it('tells a wrapped line from a paragraph’s last one by the width of the next word', () => {
    // Lines of a 16.5 cm measure at 14 pt (Times New Roman), as the exporter and Word set them.
    const { lines, wrapped } = reflow([
      'Tăng cường công tác tuyên truyền, vận động thành viên, đoàn viên, hội viên',
      'và Nhân dân thực hiện Nghị quyết. Chỉ đạo xây dựng, ban hành và tổ chức triển',
      'khai chương trình tuyên truyền thường xuyên, sâu rộng về nội dung Nghị quyết, đa',
      'dạng hóa các hình thức tuyên truyền thông qua báo chí, phát thanh, truyền hình,',
      'mạng xã hội và các phương tiện điện tử khác; xây dựng các tài liệu hướng dẫn thực',
      'hiện, nghiên cứu mở chuyên trang, chuyên mục về phát triển khoa học, công nghệ,',
      'đổi mới sáng tạo và chuyển đổi số trên phương tiện truyền thông của Mặt trận Tổ',
      'quốc Việt Nam, các tổ chức chính trị - xã hội, các hội quần chúng.',
      'Tổ chức nghiên cứu, học tập, quán triệt Nghị quyết trong Đảng bộ Mặt trận',
      'Tổ quốc, các Đoàn thể Trung ương, các tổ chức đảng trực thuộc và các tổ chức',
      'thành viên.',
    ]);
    expect(wrapped).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Tăng cường .* truyền thông của Mặt trận Tổ quốc Việt Nam, .* các hội quần chúng\.$/);
    // "Tổ quốc" could not have fitted after "Mặt trận": the capital starts no new paragraph.
    expect(lines[1]).toBe('Tổ chức nghiên cứu, học tập, quán triệt Nghị quyết trong Đảng bộ Mặt trận Tổ quốc, các Đoàn thể Trung ương, các tổ chức đảng trực thuộc và các tổ chức thành viên.');
  });

  it('keeps a trích yếu broken by hand onto a line in capitals, and stops it at the body’s first paragraph', () => {
    const body = [
      'Tăng cường công tác tuyên truyền, vận động thành viên, đoàn viên, hội viên',
      'và Nhân dân thực hiện Nghị quyết. Chỉ đạo xây dựng, ban hành và tổ chức triển',
      'khai chương trình tuyên truyền thường xuyên, sâu rộng về nội dung Nghị quyết, đa',
      'dạng hóa các hình thức tuyên truyền thông qua báo chí, phát thanh, truyền hình.',
    ];
    const head = ['SỞ NỘI VỤ', 'Số: 3/KH-SNV', 'Ninh Bình, ngày 01 tháng 3 năm 2025', 'KẾ HOẠCH'];
    const subject = (lines: string[]) => parse([...head, ...lines, ...body, 'GIÁM ĐỐC', 'Nguyễn Văn An'].join('\n')).draft.subject;
    expect(subject(['Phối hợp tuyên truyền với', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'])).toBe('Phối hợp tuyên truyền với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh');
    expect(subject(['Phối hợp tuyên truyền năm 2025', 'Sở Nội vụ trân trọng kính mời: các phòng, đơn vị'])).toBe('Phối hợp tuyên truyền năm 2025');
  });

  it('leaves a text of one paragraph a line as it is', () => {
    const src = ['Thực hiện Kế hoạch số 12/KH-UBND, Sở Nội vụ báo cáo như sau:', 'Kết quả đạt được trong năm 2024 là tốt.', 'Tồn tại, hạn chế còn ít.'];
    expect(reflow(src)).toEqual({ lines: src, wrapped: false });
    // Paragraphs about a printed line long, one under the other: none as wide as another, so none wrapped.
    const letter = [
      'Sở Nội vụ đề nghị Sở Tài chính cấp kinh phí tổ chức hội nghị tập huấn công tác văn thư.',
      'Kinh phí dự kiến là 120 triệu đồng, lấy từ nguồn ngân sách năm 2025 đã giao cho Sở Nội vụ.',
      'Rất mong nhận được sự quan tâm, phối hợp của Quý Sở.',
    ];
    expect(reflow(letter)).toEqual({ lines: letter, wrapped: false });
  });

  it('puts back the spaced dash pdftotext drops at the end of a line', () => {
    // pdftotext joined "… nông nghiệp (11/4/1946 -" and "11/4/2024), 13 năm …" into one line and dropped the dash.
    const src = [
      'Thực hiện Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương',
      'Đảng khóa XIII về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể',
      'trong giai đoạn mới (Nghị quyết số 20-NQ/TW ngày 16/6/2022), Luật Hợp tác xã',
      'năm 2023, Nghị quyết số 09/NQ-CP ngày 02/02/2023 của Chính phủ ban hành',
      'Chương trình hành động thực hiện Nghị quyết số 20-NQ/TW; Kết luận của Thủ',
      'tướng Chính phủ tại Diễn đàn Kinh tế hợp tác, hợp tác xã ngày 02/02/2024; Nghị',
      'quyết số 785/NQ-LMHTXVN ngày 07/12/2023 Hội nghị Ban Chấp hành Liên',
      'minh Hợp tác xã Việt Nam lần thứ 9, khoá VI, nhiệm kỳ 2020 – 2025; căn cứ Kế',
      'hoạch công tác số 46/KH-LMHTXVN ngày 26/01/2024 của cơ quan Liên minh',
      'HTX Việt Nam; thiết thực chào mừng Kỷ niệm 78 năm ngày Bác Hồ viết thư kêu',
      'gọi điền chủ, gia nông Việt Nam tham gia hợp tác xã nông nghiệp (11/4/1946 11/4/2024), 13 năm Thủ tướng Chính phủ công nhận Ngày Hợp tác xã Việt Nam',
      '(11/4); Ban Thường vụ Liên minh Hợp tác xã Việt Nam ban hành Kế hoạch tổ',
      'chức Tháng hành động vì hợp tác xã (HTX) năm 2024 với các nội dung cụ thể như',
      'sau:',
    ];
    const { lines } = reflow(src);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('hợp tác xã nông nghiệp (11/4/1946 - 11/4/2024), 13 năm Thủ tướng');
    // …and the hyphen of a ký hiệu: "số 20-" / "NQ/TW" came out as "20NQ/TW".
    const glued = [...src.slice(0, 10), 'gọi điền chủ, gia nông tham gia hợp tác xã nông nghiệp theo Nghị quyết số 20NQ/TW ngày 16/6/2022, 13 năm Thủ tướng Chính phủ công nhận Ngày Hợp tác xã Việt Nam', ...src.slice(11)];
    expect(reflow(glued).lines[0]).toContain('theo Nghị quyết số 20-NQ/TW ngày 16/6/2022, 13 năm');
  });

  it('joins a ký hiệu or a range a word processor broke after its hyphen without a space, any other line with one', () => {
    const { lines } = reflow([
      'Thực hiện Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng, Quyết định số 25/2021/QĐ-',
      'UBND của Ủy ban nhân dân tỉnh về kế hoạch phát triển kinh tế - xã hội giai đoạn 2021-',
      '2025 và Chương trình công tác năm 2025 của Ban Thường vụ Tỉnh ủy; Ban Kế hoạch-',
      'Hỗ trợ chủ trì.',
    ]);
    expect(lines).toEqual([
      'Thực hiện Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng, Quyết định số 25/2021/QĐ-UBND của Ủy ban nhân dân tỉnh về kế hoạch phát triển kinh tế - xã hội giai đoạn 2021-2025 và Chương trình công tác năm 2025 của Ban Thường vụ Tỉnh ủy; Ban Kế hoạch- Hỗ trợ chủ trì.',
    ]);
  });
});

describe('pdftotext -layout', () => {
  it('reads the header’s and the closing’s two columns one after the other, and the paragraphs by their indent', () => {
    checkPartyProgramme(readShape('party-programme.layout.txt'));
  });

  it('reads a State header and a signature block indented beside Nơi nhận', () => {
    const src = [
      '  ỦY BAN NHÂN DÂN TỈNH NINH              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      '            BÌNH                               Độc lập - Tự do - Hạnh phúc',
      '          SỞ NỘI VỤ',
      '',
      '            Số: 12/SNV-VP                  Ninh Bình, ngày 07 tháng 3 năm 2025',
      '  V/v triển khai chuyển đổi số năm',
      '                2025',
      '',
      '                        Kính gửi: Ủy ban nhân dân tỉnh Ninh Bình.',
      '',
      '      Quán triệt đầy đủ các chủ trương, chính sách của Đảng và pháp luật của Nhà',
      'nước về chuyển đổi số, bảo đảm thống nhất nhận thức và hành động trong toàn cơ',
      'quan, đơn vị./.',
      'Nơi nhận:                                     KT. GIÁM ĐỐC',
      '- Như trên;                                   PHÓ GIÁM ĐỐC',
      '- Ủy ban nhân dân tỉnh (để b/c);',
      '- Lưu: VT, VP.',
      '',
      '',
      '                                               Nguyễn Thị Hoa',
    ].join('\n');
    const { draft: d } = parse(src);
    expect([d.parentOrgan, d.organ, d.number, d.notation, d.place, d.date]).toEqual(['ỦY BAN NHÂN DÂN TỈNH NINH BÌNH', 'SỞ NỘI VỤ', 12, 'SNV-VP', 'Ninh Bình', '2025-03-07']);
    expect([d.docType, d.subject]).toEqual(['cong-van', 'triển khai chuyển đổi số năm 2025']);
    expect(d.addressees).toEqual(['Ủy ban nhân dân tỉnh Ninh Bình']);
    expect(texts(d)).toEqual(['Quán triệt đầy đủ các chủ trương, chính sách của Đảng và pháp luật của Nhà nước về chuyển đổi số, bảo đảm thống nhất nhận thức và hành động trong toàn cơ quan, đơn vị']);
    expect(d.recipients).toEqual([{ text: 'Như trên' }, { text: 'Ủy ban nhân dân tỉnh', note: 'để b/c' }]);
    expect(d.archive).toEqual(['VT', 'VP']);
    expect(d.signature).toEqual({ authority: 'KT.', onBehalfOf: 'GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Thị Hoa' });
  });
});

describe('columns copied onto one line, one space apart', () => {
  it('splits the header’s title lines off the organ beside them', () => {
    expect(splitMerged('UBND TỈNH NINH BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toEqual(['UBND TỈNH NINH BÌNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(splitMerged('SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc')).toEqual(['SỞ NỘI VỤ', 'Độc lập - Tự do - Hạnh phúc']);
    expect(splitMerged('ĐẢNG BỘ TỈNH NINH BÌNH ĐẢNG CỘNG SẢN VIỆT NAM')).toEqual(['ĐẢNG BỘ TỈNH NINH BÌNH', 'ĐẢNG CỘNG SẢN VIỆT NAM']);
    expect(splitMerged('Thực hiện chủ trương của Đảng Cộng sản Việt Nam')).toEqual(['Thực hiện chủ trương của Đảng Cộng sản Việt Nam']);
  });

  it('reads a whole document copied so', () => {
    const src = [
      'UBND TỈNH NINH BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc',
      'Số: 20/TB-SNV Ninh Bình, ngày 02 tháng 4 năm 2025',
      'THÔNG BÁO',
      'Lịch nghỉ lễ Giỗ Tổ Hùng Vương năm 2025',
      'Sở Nội vụ thông báo lịch nghỉ lễ như sau: cán bộ, công chức nghỉ ngày 07/4/2025./.',
      'Nơi nhận: KT. GIÁM ĐỐC',
      '- Các phòng, đơn vị thuộc Sở; PHÓ GIÁM ĐỐC',
      '- Lưu: VT, VP. Trần Văn Bình',
    ].join('\n');
    const { draft: d } = parse(src);
    expect([d.parentOrgan, d.organ, d.number, d.place, d.date, d.docType]).toEqual(['UBND TỈNH NINH BÌNH', 'SỞ NỘI VỤ', 20, 'Ninh Bình', '2025-04-02', 'thong-bao']);
    expect(d.subject).toBe('Lịch nghỉ lễ Giỗ Tổ Hùng Vương năm 2025');
    expect(d.recipients).toEqual([{ text: 'Các phòng, đơn vị thuộc Sở' }]);
    expect(d.archive).toEqual(['VT', 'VP']);
    expect(d.signature).toEqual({ authority: 'KT.', onBehalfOf: 'GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Trần Văn Bình' });
  });
});

describe('converter Markdown', () => {
  const decision = [
    '| ỦY BAN NHÂN DÂN TỈNH NINH BÌNH<br>**SỞ NỘI VỤ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc** |',
    '|---|---|',
    '| Số: 15/QĐ-SNV | *Ninh Bình, ngày 20 tháng 3 năm 2025* |',
    '',
    '# QUYẾT ĐỊNH',
    '',
    '**Về việc ban hành Quy chế làm việc của Sở Nội vụ**',
    '',
    '**GIÁM ĐỐC SỞ NỘI VỤ**',
    '',
    '*Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;*',
    '',
    '*Căn cứ Quyết định số 25/2021/QĐ-UBND ngày 12 tháng 7 năm 2021 của Ủy',
    'ban nhân dân tỉnh Ninh Bình;*',
    '',
    '*Theo đề nghị của Chánh Văn phòng Sở.*',
    '',
    '**QUYẾT ĐỊNH:**',
    '',
    '**Điều 1.** Ban hành kèm theo Quyết định này Quy chế làm việc của Sở Nội',
    'vụ.',
    '',
    '**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.',
    '',
    '**Điều 3.** Chánh Văn phòng, Trưởng các phòng, đơn vị thuộc Sở chịu',
    'trách nhiệm thi hành Quyết định này./.',
    '',
    '| ***Nơi nhận:***<br>\\- Như Điều 3;<br>\\- UBND tỉnh (để b/c);<br>\\- Lưu: VT, VP. | **GIÁM ĐỐC**<br><br>**Nguyễn Văn An** |',
    '|---|---|',
  ].join('\n');

  it('reads a Quyết định as pandoc writes it from Word: header and closing tables, wrapped paragraphs, bold labels', () => {
    const { draft: d } = parse(decision);
    expect([d.parentOrgan, d.organ, d.number, d.notation, d.place, d.date, d.docType]).toEqual(['ỦY BAN NHÂN DÂN TỈNH NINH BÌNH', 'SỞ NỘI VỤ', 15, 'QĐ-SNV', 'Ninh Bình', '2025-03-20', 'quyet-dinh']);
    expect(d.subject).toBe('Về việc ban hành Quy chế làm việc của Sở Nội vụ');
    expect(d.competence).toBe('GIÁM ĐỐC SỞ NỘI VỤ');
    expect(d.bases).toEqual([
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015',
      'Căn cứ Quyết định số 25/2021/QĐ-UBND ngày 12 tháng 7 năm 2021 của Ủy ban nhân dân tỉnh Ninh Bình',
      'Theo đề nghị của Chánh Văn phòng Sở',
    ]);
    expect(blocks(d)).toEqual([
      { kind: 'heading', level: 'article', number: '1', text: 'Ban hành kèm theo Quyết định này Quy chế làm việc của Sở Nội vụ.' },
      { kind: 'heading', level: 'article', number: '2', text: 'Quyết định này có hiệu lực kể từ ngày ký.' },
      { kind: 'heading', level: 'article', number: '3', text: 'Chánh Văn phòng, Trưởng các phòng, đơn vị thuộc Sở chịu trách nhiệm thi hành Quyết định này' },
    ]);
    expect(d.recipients).toEqual([{ text: 'Như Điều 3' }, { text: 'UBND tỉnh', note: 'để b/c' }]);
    expect(d.archive).toEqual(['VT', 'VP']);
    expect(d.signature).toEqual({ authority: '', onBehalfOf: '', title: 'GIÁM ĐỐC', name: 'Nguyễn Văn An' });
  });

  it('removes escapes and block marks, keeps inline bold and italic as the model’s markup, keeps a body table', () => {
    const md = fromMarkdown(
      [
        '## I\\. MỤC ĐÍCH, YÊU CẦU',
        '',
        '1\\. Tổ chức **Tháng hành động** vì hợp tác xã năm 2025, *bảo đảm tiết',
        'kiệm*.',
        '',
        '\\- Bảo đảm an toàn;',
        '',
        '\\+ Đúng quy định  ',
        'của pháp luật.',
        '',
        '- Không phô trương',
        '- Hiệu quả',
        '',
        '| STT | Nội dung |',
        '|---|---|',
        '| 1 | Hội nghị<br>tổng kết |',
        '',
        '\\-\\-\\-\\-\\-',
      ].join('\n').split('\n'),
    );
    // Lines the converter did not wrap at a column stay lines; the reflow stage joins a lower-case continuation.
    expect(md).toContain('kiệm*.');
    const lines = reflow(md).lines.filter((l) => l !== '');
    expect(lines).toEqual([
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Tổ chức **Tháng hành động** vì hợp tác xã năm 2025, *bảo đảm tiết kiệm*.',
      '- Bảo đảm an toàn;',
      '+ Đúng quy định của pháp luật.',
      '- Không phô trương',
      '- Hiệu quả',
      '| STT | Nội dung |',
      '|---|---|',
      '| 1 | Hội nghị<br>tổng kết |',
      '-----',
    ]);
  });

  it('reads a body table in pipes, a cell’s <br> as its line break and an escaped pipe as a pipe', () => {
    const md = decision.replace(
      '**Điều 2.**',
      '| STT | Nội dung |\n|---|---|\n| 1 | Hội nghị<br>tổng kết |\n| 2 | Báo cáo A \\| B |\n\n**Điều 2.**',
    );
    const table = blocks(parse(md).draft).find((b) => b.kind === 'table');
    expect(table).toEqual({ kind: 'table', header: true, rows: [['STT', 'Nội dung'], ['1', 'Hội nghị\ntổng kết'], ['2', 'Báo cáo A | B']] });
  });

  it('leaves plain text with a pipe table or **bold** alone', () => {
    expect(isMarkdown(['Nội dung **quan trọng**.', '| a | b |', '|---|---|', '| 1 | 2 |'])).toBe(false);
    expect(isMarkdown(['\\- Như trên;', '\\- Lưu: VT.'])).toBe(true);
  });
});

describe('page furniture', () => {
  it('knows a page number however it is written', () => {
    expect(['2', '- 2 -', '– 12 –', 'Trang 2/5', 'Trang 3', 'Page 4 of 9', '3/7'].map(pageNumberOf)).toEqual([2, 2, 12, 2, 3, 4, 3]);
    expect(['2.', 'Điều 2', '2025', 'a'].map(pageNumberOf)).toEqual([null, null, null, null]);
  });

  it('removes page numbers, running headers and form feeds, and joins a paragraph cut by a page break', () => {
    const page = (n: number, lines: string[]) => [`Kế hoạch số 12/KH-SNV ngày 07/3/2025`, `- ${n} -`, '', ...lines];
    const src = [
      'UBND TỈNH NINH BÌNH',
      'SỞ NỘI VỤ',
      'Số: 12/KH-SNV',
      'Ninh Bình, ngày 07 tháng 3 năm 2025',
      '',
      'KẾ HOẠCH',
      'Triển khai chuyển đổi số năm 2025',
      '',
      'Các phòng, đơn vị chủ động xây dựng kế hoạch chi tiết và',
      '',
      '\f',
      ...page(2, ['báo cáo kết quả về Văn phòng trước ngày 15 hằng tháng.', '', '\f']),
      ...page(3, ['Trên đây là Kế hoạch triển khai chuyển đổi số năm 2025./.', '', 'GIÁM ĐỐC', '', 'Nguyễn Văn An']),
    ].join('\n');
    const { draft: d } = parse(src);
    expect(texts(d)).toEqual([
      'Các phòng, đơn vị chủ động xây dựng kế hoạch chi tiết và báo cáo kết quả về Văn phòng trước ngày 15 hằng tháng.',
      'Trên đây là Kế hoạch triển khai chuyển đổi số năm 2025',
    ]);
    expect(JSON.stringify(d)).not.toMatch(/- 2 -|- 3 -|07\/3\/2025/);
  });

  it('in a copy without page breaks, removes the lone numbers that count the pages, not a table’s', () => {
    const body = (k: number) => Array.from({ length: 12 }, (_, i) => `Dòng ${k}.${i + 1} của văn bản.`);
    const lines = [...body(1), '2', ...body(2), '3', ...body(3), 'STT', '1', '2', '3'];
    const out = removeFurniture(lines);
    expect(out.filter((l) => /^\d$/.test(l))).toEqual(['1', '2', '3']);
    expect(out).toHaveLength(lines.length - 2);
  });
});

describe('OCR slips', () => {
  const plan = (o: { organMark?: string; quocHieu?: string; motto?: string; number?: string; label?: string; dateLine?: string } = {}) =>
    [
      'UBND TỈNH NINH BÌNH',
      'SỞ NỘI VỤ',
      o.organMark ?? '',
      o.quocHieu ?? 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      o.motto ?? 'Độc lập - Tự do - Hạnh phúc',
      '',
      o.number ?? 'Số: 12/KH-SNV',
      o.dateLine ?? 'Ninh Bình, ngày 07 tháng 3 năm 2025',
      '',
      'KẾ HOẠCH',
      'Triển khai chuyển đổi số năm 2025',
      '',
      'Thực hiện Nghị quyết số 57-NQ/TW, Sở Nội vụ ban hành Kế hoạch như sau:',
      '',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '',
      '1. Quán triệt đầy đủ các chủ trương, chính sách về chuyển đổi số./.',
      '',
      o.label ?? 'Nơi nhận:',
      '- UBND tỉnh (để b/c);',
      '- Lưu: VT, VP.',
      '',
      'GIÁM ĐỐC',
      '',
      'Nguyễn Văn An',
    ].join('\n');

  const expectPlan = (src: string) => {
    const { draft: d, warnings } = parse(src);
    expect([d.profile, d.parentOrgan, d.organ, d.number, d.notation, d.place, d.date, d.docType]).toEqual([
      'state',
      'UBND TỈNH NINH BÌNH',
      'SỞ NỘI VỤ',
      12,
      'KH-SNV',
      'Ninh Bình',
      '2025-03-07',
      'ke-hoach',
    ]);
    expect(d.subject).toBe('Triển khai chuyển đổi số năm 2025');
    expect(blocks(d).map((b) => b.kind)).toEqual(['paragraph', 'heading', 'item']);
    expect(d.recipients).toEqual([{ text: 'UBND tỉnh', note: 'để b/c' }]);
    expect(d.archive).toEqual(['VT', 'VP']);
    expect(d.signature).toMatchObject({ title: 'GIÁM ĐỐC', name: 'Nguyễn Văn An' });
    expect(warnings).toEqual([]);
  };

  it('reads the clean text', () => expectPlan(plan()));
  it.each([
    ['the label without diacritics', { label: 'Noi nhan:' }],
    ['"So:"', { number: 'So: 12/KH-SNV' }],
    ['"Sô"', { number: 'Sô 12/KH-SNV' }],
    ['spaces inside the number', { number: 'Số 12 /KH-SNV' }],
    ['spaces around every separator', { number: 'Số : 12 / KH - SNV' }],
    ['an en and an em dash in the motto', { motto: 'Độc lập – Tự do — Hạnh phúc' }],
    ['no spaces around the motto’s dashes', { motto: 'Độc lập-Tự do-Hạnh phúc' }],
    ['"CỘNG HOÀ"', { quocHieu: 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM' }],
    ['a stray "*" under the organ', { organMark: '*' }],
    ['an escaped "\\*" under the organ', { organMark: '\\*' }],
    ['a "-----" rule under the organ', { organMark: '-----' }],
    ['a vowel misread in the date’s words ("thúng", "nǎm")', { dateLine: 'Ninh Bình, ngày 07 thúng 3 nǎm 2025' }],
  ])('reads %s', (_what, slip) => expectPlan(plan(slip)));

  it('takes the signer’s name that OCR put at the left, under Nơi nhận, before the title it signs under', () => {
    const ocr = plan().replace('- Lưu: VT, VP.\n\nGIÁM ĐỐC\n\nNguyễn Văn An', '- Lưu: VT, VP.\nNguyễn Văn An').replace('Nơi nhận:', 'Nơi nhận:                                          GIÁM ĐỐC');
    expect(ocr).toContain('Nơi nhận:      ');
    expectPlan(ocr);
  });

  it('reads decomposed accents (NFD) and Windows line ends', () => {
    expectPlan(plan().normalize('NFD').replace(/\n/g, '\r\n'));
  });

  it('reads a Party number with spaces around the dash: "Số: 01 - CTr/ĐU"', () => {
    const { draft: d } = parse('ĐẢNG ỦY SỞ NỘI VỤ\n*\nSố: 01 - CTr/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nNinh Bình, ngày 15 tháng 01 năm 2025\n\nCHƯƠNG TRÌNH\nCông tác năm 2025\n\nNội dung./.');
    expect([d.profile, d.number, d.notation, d.organAbbr, d.organ]).toEqual(['party', 1, 'CTr/ĐU', 'ĐU', 'ĐẢNG ỦY SỞ NỘI VỤ']);
  });
});

describe('compound titles', () => {
  it.each([
    ['CHƯƠNG TRÌNH HÀNH ĐỘNG', 'chuong-trinh', 'thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị'],
    ['KẾ HOẠCH TRIỂN KHAI', 'ke-hoach', 'Nghị quyết số 57-NQ/TW của Bộ Chính trị'],
    ['BÁO CÁO TÓM TẮT', 'bao-cao', 'Kết quả thực hiện nhiệm vụ năm 2024'],
  ])('%s: the type for the number, the title as written, the trích yếu whole', (title, docType, subject) => {
    const { draft: d, recognised } = parse(`ĐẢNG ỦY SỞ NỘI VỤ\n*\nSố 05/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nNinh Bình, ngày 15 tháng 01 năm 2025\n\n${title}\n${subject}\n\nNội dung./.`);
    expect([d.docType, d.title, d.subject]).toEqual([docType, title, subject]);
    expect(recognised).toContain(`Tiêu đề: ${title}`);
  });

  it('leaves the title empty when the type line is the type’s own name', () => {
    const { draft: d } = parse('SỞ NỘI VỤ\nSố: 1/KH-SNV\nNinh Bình, ngày 15 tháng 01 năm 2025\n\nKẾ HOẠCH\nCông tác năm 2025\n\nNội dung./.');
    expect([d.docType, d.title, d.subject]).toEqual(['ke-hoach', '', 'Công tác năm 2025']);
  });
});

describe('a Quyết định’s thẩm quyền and "QUYẾT ĐỊNH:"', () => {
  const head = 'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\nSố: 3/QĐ-UBND\nNinh Bình, ngày 01 tháng 3 năm 2025\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác chuyển đổi số\n\n';
  const tail = '\n\nĐiều 1. Thành lập Tổ công tác.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n\nCHỦ TỊCH\n\nNguyễn Văn An';

  it('reads the thẩm quyền on two lines above the căn cứ, and the enacting line under them', () => {
    const { draft: d, recognised } = parse(`${head}CHỦ TỊCH ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\nXét đề nghị của Giám đốc Sở Nội vụ.\n\nQUYẾT ĐỊNH:${tail}`);
    expect(d.competence).toBe('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH');
    expect(d.bases).toEqual(['Căn cứ Luật Tổ chức chính quyền địa phương', 'Xét đề nghị của Giám đốc Sở Nội vụ']);
    expect(blocks(d).map((b) => (b.kind === 'heading' ? `${b.level} ${b.number}` : b.kind))).toEqual(['article 1', 'article 2']);
    expect(recognised).toContain('Thẩm quyền ban hành: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH');
  });

  it('reads a Party decision’s thẩm quyền written on the enacting line, after the căn cứ', () => {
    const { draft: d } = parse(`${head.replace('ỦY BAN NHÂN DÂN TỈNH NINH BÌNH', 'ĐẢNG ỦY SỞ NỘI VỤ\n*')}- Căn cứ Điều lệ Đảng;\n\nBAN THƯỜNG VỤ ĐẢNG ỦY SỞ NỘI VỤ QUYẾT ĐỊNH:${tail}`);
    expect(d.competence).toBe('BAN THƯỜNG VỤ ĐẢNG ỦY SỞ NỘI VỤ');
    expect(blocks(d)[0]).toMatchObject({ kind: 'heading', level: 'article', number: '1' });
  });

  it('reads "QUYẾT ĐỊNH:" without căn cứ, and keeps it in the body of another type', () => {
    expect(parse(`${head}GIÁM ĐỐC SỞ NỘI VỤ\n\nQUYẾT ĐỊNH:${tail}`).draft.competence).toBe('GIÁM ĐỐC SỞ NỘI VỤ');
    const other = parse(`${head.replace('QUYẾT ĐỊNH\n', 'THÔNG BÁO\n').replace('QĐ-UBND', 'TB-UBND')}Căn cứ Luật Tổ chức chính quyền địa phương.\n\nQUYẾT ĐỊNH:${tail}`).draft;
    expect(other.competence).toBe('');
    expect(texts(other)[0]).toBe('QUYẾT ĐỊNH:');
  });
});

describe('never throws', () => {
  it.each([
    ['form feeds only', '\f\f\f'],
    ['a lone escape', '\\'],
    ['an empty pipe table', '| |\n|---|\n| |'],
    ['Markdown marks only', '#\n**\n\\-\n<br>\n  '],
    ['a label with a quyền hạn', 'Nơi nhận: TM.'],
    ['a very long line', 'Số: 1/KH-UBND ' + 'chữ '.repeat(30000)],
    ['many page numbers', Array.from({ length: 500 }, (_, i) => String(i + 1)).join('\n')],
    ['columns of spaces', '   \n      x      y      z   \n'],
    ['a header table in pipes without a body', '| SỞ NỘI VỤ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n| Số: 1/TB-SNV | Ninh Bình, ngày 01 tháng 01 năm 2025 |'],
  ])('%s', (_what, src) => {
    expect(() => parse(src)).not.toThrow();
  });
});
