import { Button, Dropdown, Segmented, Select, Space, Typography } from 'antd';
import {
  BellOutlined,
  DownOutlined,
  ExportOutlined,
  HomeOutlined,
  ImportOutlined,
  LeftOutlined,
  PlusOutlined,
  PrinterOutlined,
  RightOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { UserInfo } from '../../../shared/auth/schemas';
import type { Room } from '../../../shared/meetings/schemas';
import { foldVietnamese } from '../../../shared/text/fold';
import { placeTitle, type Place, type ScheduleView } from './schedule';

export type ExportFormat = 'pdf' | 'docx' | 'ics';

const fold = (s: string) => foldVietnamese(s);

/** The schedule's controls: view, previous / today / next, whose schedule, and what can be done with it. */
export function ScheduleToolbar(props: {
  place: Place;
  filter: string;
  users: UserInfo[];
  rooms: Room[];
  canRooms: boolean;
  canSettings: boolean;
  canAdd: boolean;
  canImport: boolean;
  canExport: boolean;
  askNotify: boolean;
  onView(v: ScheduleView): void;
  onStep(dir: -1 | 1): void;
  onToday(): void;
  onFilter(f: string): void;
  onAdd(): void;
  onExport(f: ExportFormat): void;
  onImport(): void;
  onRooms(): void;
  onSettings(): void;
  onNotify(): void;
}) {
  const { place, filter, users, rooms } = props;
  const unit = place.view === 'week' ? 'tuần' : place.view === 'day' ? 'ngày' : 'tháng';
  return (
    <div className="vp-schedule-toolbar vp-no-print">
      <div className="vp-schedule-row">
        <Segmented
          value={place.view}
          onChange={(v) => props.onView(v as ScheduleView)}
          options={[
            { value: 'week', label: 'Tuần' },
            { value: 'day', label: 'Ngày' },
            { value: 'month', label: 'Tháng' },
          ]}
          data-testid="schedule-view"
        />
        <Space.Compact>
          <Button icon={<LeftOutlined />} onClick={() => props.onStep(-1)} aria-label={`${unit} trước`} data-testid="schedule-prev">
            Trước
          </Button>
          <Button icon={<HomeOutlined />} onClick={props.onToday} data-testid="schedule-today">
            Hôm nay
          </Button>
          <Button onClick={() => props.onStep(1)} aria-label={`${unit} sau`} data-testid="schedule-next">
            Sau <RightOutlined />
          </Button>
        </Space.Compact>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="schedule-title">
          {placeTitle(place)}
        </Typography.Title>
      </div>
      <div className="vp-schedule-row">
        <Space size={6}>
          <span>Của:</span>
          <Select
            value={filter}
            onChange={props.onFilter}
            style={{ width: 260 }}
            showSearch={{ filterOption: (input, o) => fold(String(o?.label ?? '')).includes(fold(input)) }}
            options={[
              { value: 'all', label: 'Tất cả' },
              { label: 'Người', title: 'Người', options: users.map((u) => ({ value: `u:${u.id}`, label: u.fullName })) },
              { label: 'Phòng họp', title: 'Phòng họp', options: rooms.map((r) => ({ value: `r:${r.id}`, label: r.name })) },
            ]}
            data-testid="schedule-filter"
          />
        </Space>
        <Space wrap size={8} style={{ marginLeft: 'auto' }}>
          {props.canAdd && (
            <Button type="primary" icon={<PlusOutlined />} onClick={props.onAdd} data-testid="schedule-add">
              Thêm cuộc họp
            </Button>
          )}
          {props.canExport && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'pdf', label: 'Lịch tuần PDF' },
                  { key: 'docx', label: 'Lịch tuần Word' },
                  { key: 'ics', label: 'Tệp .ics của tuần' },
                ],
                onClick: ({ key }) => props.onExport(key as ExportFormat),
              }}
            >
              <Button icon={<ExportOutlined />} data-testid="schedule-export">
                Xuất <DownOutlined />
              </Button>
            </Dropdown>
          )}
          {props.canImport && (
            <Button icon={<ImportOutlined />} onClick={props.onImport} data-testid="schedule-import">
              Nhập .ics
            </Button>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="schedule-print">
            In
          </Button>
          {props.canRooms && (
            <Button onClick={props.onRooms} data-testid="schedule-rooms">
              Phòng họp
            </Button>
          )}
          {props.canSettings && (
            <Button icon={<SettingOutlined />} onClick={props.onSettings} data-testid="schedule-settings">
              Cài đặt lịch
            </Button>
          )}
          {props.askNotify && (
            <Button icon={<BellOutlined />} onClick={props.onNotify} data-testid="schedule-notify">
              Bật nhắc lịch
            </Button>
          )}
        </Space>
      </div>
    </div>
  );
}
