import { useEffect, useState } from 'react';
import { App, Card, Col, Row, Statistic, Typography } from 'antd';
import type { DashboardSummary } from '../../../shared/api/contract';
import { INCOMING_STATUSES } from '../../../shared/domain/marks';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { statusLabel } from '../labels';
import { navigate } from '../router';
import { MonthChart } from './MonthChart';

const STATUS_TINT: Record<string, string> = { 'cho-xu-ly': '#b45309', 'dang-xu-ly': '#1d4ed8', 'hoan-thanh': '#15803d', 'da-huy': '#6b7280' };

export function Dashboard() {
  const { message } = App.useApp();
  const [data, setData] = useState<DashboardSummary | null>(null);
  useEffect(() => {
    call('dashboard.summary', {}).then(setData, (e) => showError(e, message.error));
  }, [message]);
  if (!data) return null;
  return (
    <div data-testid="dashboard">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Tổng quan văn bản đến
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {INCOMING_STATUSES.map((s) => (
          <Col key={s} xs={12} md={6}>
            <Card size="small" hoverable onClick={() => navigate('/incoming')}>
              <Statistic title={statusLabel(s)} value={data.byStatus[s]} styles={{ content: { color: STATUS_TINT[s] } }} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="Quá hạn xử lý" value={data.overdue} styles={{ content: { color: data.overdue ? '#dc2626' : undefined } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="Khẩn chưa xử lý" value={data.urgentPending} styles={{ content: { color: data.urgentPending ? '#ea580c' : undefined } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="Vào sổ hôm nay" value={data.registeredToday} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="Từ đầu năm" value={data.thisYear} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title="Văn bản đến theo tháng (năm nay)">
            <MonthChart values={data.perMonth} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
