import { Tag, Tooltip } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { hm, type ClashNote } from './schedule';

/** The red "Trùng lịch" mark; its tooltip says with what, on what, and the reason it was kept anyway. */
export function ClashTag({ clashes, reason }: { clashes: ClashNote[]; reason: string | null }) {
  return (
    <Tooltip
      title={
        <div data-testid="clash-tooltip">
          {clashes.map((c) => (
            <div key={c.other.id}>
              Trùng với «{c.other.title}» {hm(c.other.start)}–{hm(c.other.end)}: {c.over.join(', ')}
            </div>
          ))}
          {reason && <div style={{ marginTop: 4 }}>Lý do vẫn xếp lịch: {reason}</div>}
        </div>
      }
    >
      <Tag color="red" icon={<WarningOutlined />} data-testid="clash-tag">
        Trùng lịch
      </Tag>
    </Tooltip>
  );
}
