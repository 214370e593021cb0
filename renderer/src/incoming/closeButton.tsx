import { Tooltip } from 'antd';
import { CloseOutlined } from '@ant-design/icons';

/** The incoming drawers' × : named for screen readers and with its tooltip (Esc does the same). */
export const CLOSE = {
  closeIcon: (
    <Tooltip title="Đóng (Esc)">
      <CloseOutlined />
    </Tooltip>
  ),
  'aria-label': 'Đóng',
};
