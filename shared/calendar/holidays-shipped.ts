/**
 * The public holidays shipped with the product for the current year (Bộ luật Lao động 2019 Điều 112, and the
 * schedule the Thủ tướng approves each year for cán bộ, công chức, viên chức), as days that differ from the
 * Monday–Friday week. Weekends inside a holiday need no row. The quản trị edits the calendar (Cài đặt → Ngày nghỉ)
 * when a year's nghỉ bù or làm bù are announced; later years start from the weekends alone until they are entered.
 */
export interface ShippedDay {
  day: string;
  kind: 'nghi' | 'lam-bu';
  name: string;
}

export const HOLIDAYS_SHIPPED: readonly ShippedDay[] = [
  { day: '2026-01-01', kind: 'nghi', name: 'Tết Dương lịch' },
  { day: '2026-02-16', kind: 'nghi', name: 'Tết Nguyên đán Bính Ngọ' },
  { day: '2026-02-17', kind: 'nghi', name: 'Tết Nguyên đán Bính Ngọ (Mùng 1)' },
  { day: '2026-02-18', kind: 'nghi', name: 'Tết Nguyên đán Bính Ngọ' },
  { day: '2026-02-19', kind: 'nghi', name: 'Tết Nguyên đán Bính Ngọ' },
  { day: '2026-02-20', kind: 'nghi', name: 'Tết Nguyên đán Bính Ngọ' },
  { day: '2026-04-27', kind: 'nghi', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 26/4)' },
  { day: '2026-04-30', kind: 'nghi', name: 'Ngày Chiến thắng (30/4)' },
  { day: '2026-05-01', kind: 'nghi', name: 'Ngày Quốc tế Lao động (1/5)' },
  { day: '2026-09-01', kind: 'nghi', name: 'Quốc khánh (ngày liền kề)' },
  { day: '2026-09-02', kind: 'nghi', name: 'Quốc khánh (2/9)' },
];
