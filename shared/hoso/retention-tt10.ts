/**
 * Thời hạn bảo quản hồ sơ, tài liệu phổ biến (Thông tư 10/2022/TT-BNV, Phụ lục): a representative selection of the
 * circular's rows, by its groups (nhóm). "Vĩnh viễn" is `years: null`. The code is this application's
 * ("<nhóm>.<thứ tự>": the group number is the circular's, the order is the row's place in this selection, not the
 * circular's item number). The quản trị adds the office's own rows (Cơ quan bổ sung) and may lengthen a period, never
 * shorten it below the circular's (electron/hoso/retention.ts). Seeded by migration 016; written from the circular as
 * published, to be checked against its text by the office's archivist before the table is relied on.
 */
export interface RetentionSeed {
  code: string;
  group: number;
  title: string;
  years: number | null;
}

export const RETENTION_GROUPS: Record<number, string> = {
  1: 'Tài liệu tổng hợp',
  2: 'Tài liệu quy hoạch, kế hoạch, thống kê',
  3: 'Tài liệu tổ chức, cán bộ',
  4: 'Tài liệu lao động, tiền lương',
  5: 'Tài liệu tài chính, kế toán',
  6: 'Tài liệu đầu tư, xây dựng cơ bản',
  7: 'Tài liệu khoa học, công nghệ',
  8: 'Tài liệu hợp tác quốc tế',
  9: 'Tài liệu thanh tra, giải quyết khiếu nại, tố cáo',
  10: 'Tài liệu thi đua, khen thưởng',
  11: 'Tài liệu pháp chế',
  12: 'Tài liệu hành chính, văn thư, lưu trữ',
  13: 'Tài liệu quản trị công sở',
  14: 'Tài liệu chuyên môn, nghiệp vụ',
};

const row = (code: string, title: string, years: number | null): RetentionSeed => ({ code, group: Number(code.split('.')[0]), title, years });

export const RETENTION_TT10: readonly RetentionSeed[] = [
  row('1.1', 'Tập văn bản gửi chung đến cơ quan (chỉ đạo, hướng dẫn, quy định chung)', 5),
  row('1.2', 'Hồ sơ xây dựng, ban hành quy chế làm việc của cơ quan', null),
  row('1.3', 'Hồ sơ xây dựng, ban hành chế độ, quy định, hướng dẫn những vấn đề chung của cơ quan', null),
  row('1.4', 'Hồ sơ hội nghị tổng kết năm của cơ quan', null),
  row('1.5', 'Hồ sơ hội nghị, hội thảo chuyên đề do cơ quan tổ chức', 10),
  row('1.6', 'Kế hoạch, báo cáo công tác năm của cơ quan', null),
  row('1.7', 'Kế hoạch, báo cáo công tác 6 tháng, 9 tháng', 20),
  row('1.8', 'Kế hoạch, báo cáo công tác quý, tháng', 5),
  row('1.9', 'Hồ sơ tổ chức kỷ niệm ngày lễ lớn, sự kiện quan trọng của cơ quan', null),
  row('1.10', 'Chương trình, kế hoạch, báo cáo năm về cải cách hành chính', null),
  row('1.11', 'Công văn trao đổi về công tác tổng hợp', 10),
  row('2.1', 'Hồ sơ xây dựng chiến lược, quy hoạch phát triển ngành, lĩnh vực', null),
  row('2.2', 'Kế hoạch, báo cáo thống kê năm', null),
  row('2.3', 'Kế hoạch, báo cáo thống kê quý, tháng', 5),
  row('2.4', 'Công văn trao đổi về công tác quy hoạch, kế hoạch, thống kê', 10),
  row('3.1', 'Hồ sơ xây dựng, ban hành văn bản về tổ chức bộ máy, chức năng, nhiệm vụ của cơ quan', null),
  row('3.2', 'Hồ sơ gốc cán bộ, công chức, viên chức', 70),
  row('3.3', 'Hồ sơ bổ nhiệm, điều động, luân chuyển cán bộ', 70),
  row('3.4', 'Hồ sơ thi tuyển, xét tuyển công chức, viên chức', 20),
  row('3.5', 'Công văn trao đổi về công tác tổ chức, cán bộ', 10),
  row('4.1', 'Hồ sơ nâng bậc lương, nâng ngạch của cán bộ, công chức', 20),
  row('4.2', 'Công văn trao đổi về lao động, tiền lương', 10),
  row('5.1', 'Báo cáo tài chính, báo cáo quyết toán năm', null),
  row('5.2', 'Chứng từ kế toán', 10),
  row('5.3', 'Sổ kế toán chi tiết, sổ kế toán tổng hợp', 20),
  row('5.4', 'Công văn trao đổi về công tác tài chính, kế toán', 10),
  row('6.1', 'Hồ sơ công trình xây dựng cơ bản nhóm A, công trình áp dụng giải pháp mới', null),
  row('6.2', 'Công văn trao đổi về công tác đầu tư, xây dựng cơ bản', 10),
  row('9.1', 'Hồ sơ giải quyết vụ việc khiếu nại, tố cáo', 15),
  row('10.1', 'Hồ sơ khen thưởng hình thức Huân chương, danh hiệu vinh dự Nhà nước', null),
  row('10.2', 'Hồ sơ khen thưởng hình thức Bằng khen, Giấy khen', 20),
  row('11.1', 'Hồ sơ xây dựng văn bản quy phạm pháp luật do cơ quan chủ trì', null),
  row('11.2', 'Hồ sơ góp ý dự thảo văn bản quy phạm pháp luật của cơ quan khác', 10),
  row('12.1', 'Sổ đăng ký văn bản đi, văn bản đến', 20),
  row('12.2', 'Tập lưu văn bản đi của cơ quan', 50),
  row('12.3', 'Hồ sơ tiêu hủy tài liệu hết giá trị', 20),
  row('12.4', 'Công văn trao đổi về công tác hành chính, văn thư, lưu trữ', 10),
  row('13.1', 'Hồ sơ mua sắm, thanh lý tài sản cố định', 20),
  row('13.2', 'Công văn trao đổi về công tác quản trị công sở', 10),
];

export const TT10_SOURCE = 'TT10/2022';
export const OFFICE_SOURCE = 'Cơ quan bổ sung';
