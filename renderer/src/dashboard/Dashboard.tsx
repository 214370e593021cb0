import { useCallback, useEffect, useState } from 'react';
import { App, Card, Col, Row, Statistic, Typography } from 'antd';
import type { DashboardSummary } from '../../../shared/incoming/api';
import { INCOMING_STATUSES } from '../../../shared/domain/marks';
import { call } from '../api/client';
import { useLive } from '../api/live';
import { showError } from '../api/errors';
import { statusLabel } from '../labels';
import { navigate } from '../router';
import { MonthChart } from './MonthChart';

const STATUS_TINT: Record<string, string> = { 'cho-xu-ly': '#b45309', 'dang-xu-ly': '#1d4ed8', 'hoan-thanh': '#15803d', 'da-huy': '#6b7280' };

export function Dashboard() {
  const { message } = App.useApp();
  const [data, setData] = useState<DashboardSummary | null>(null);
  const load = useCallback(() => call('dashboard.summary', {}).then(setData, (e) => showError(e, message.error)), [message]);
  useEffect(() => {
    void load();
  }, [load]);
  useLive(['incoming', 'drafts', 'outgoing'], () => void load());
  if (!data) return null;
  return (
    <div data-testid="dashboard">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Tổng quan
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {INCOMING_STATUSES.map((s) => (
          <Col key={s} xs={12} md={8}>
            <Card size="small" hoverable onClick={() => navigate('/incoming')}>
              <Statistic title={statusLabel(s)} value={data.byStatus[s]} styles={{ content: { color: STATUS_TINT[s] } }} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8}>
          <Card size="small">
            <Statistic title="Quá hạn xử lý" value={data.overdue} styles={{ content: { color: data.overdue ? '#dc2626' : undefined } }} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small">
            <Statistic title="Khẩn chưa xử lý" value={data.urgentPending} styles={{ content: { color: data.urgentPending ? '#ea580c' : undefined } }} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small">
            <Statistic title="Vào sổ hôm nay" value={data.registeredToday} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small">
            <Statistic title="Từ đầu năm" value={data.thisYear} />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small" hoverable onClick={() => navigate('/inbox')} data-testid="waiting-for-me">
            <Statistic title="Chờ tôi xử lý" value={data.waitingForMe} styles={{ content: { color: data.waitingForMe ? '#1d4ed8' : undefined } }} />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title="Văn bản đến và đi theo tháng (năm nay)">
            <MonthChart
              label="Biểu đồ văn bản đến và đi theo tháng"
              series={[
                { label: 'Văn bản đến', color: '#1d4e89', values: data.perMonth },
                { label: 'Văn bản đi', color: '#d97706', values: data.outgoingPerMonth },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title="Quá hạn theo đơn vị chủ trì" data-testid="overdue-by-unit">
            {data.overdueByUnit.length === 0 ? (
              <Typography.Text type="secondary">Không có văn bản quá hạn.</Typography.Text>
            ) : (
              data.overdueByUnit.map((u) => {
                const max = data.overdueByUnit[0].count;
                return (
                  <div key={u.unit} style={{ marginBottom: 6 }}>
                    <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13 }}>
                      <span>{u.unit}</span>
                      <b style={{ color: '#dc2626' }}>{u.count}</b>
                    </div>
                    <div style={{ height: 6, background: '#fee2e2', borderRadius: 3 }}>
                      <div style={{ width: `${(u.count / max) * 100}%`, height: 6, background: '#dc2626', borderRadius: 3 }} />
                    </div>
                  </div>
                );
              })
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
