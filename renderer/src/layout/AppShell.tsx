import { useCallback, useMemo, useRef, useState } from 'react';
import { Badge, Dropdown, Layout, Menu, Popover, Space, Typography } from 'antd';
import {
  SettingOutlined,
  CalendarOutlined,
  ContactsOutlined,
  DashboardOutlined,
  EditOutlined,
  ClockCircleOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  QuestionCircleOutlined,
  SendOutlined,
  TeamOutlined,
  UserOutlined,
  AuditOutlined,
  LogoutOutlined,
  KeyOutlined,
  CloudServerOutlined,
  DatabaseOutlined,
  CarryOutOutlined,
  FolderOpenOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { ChangePasswordModal } from '../auth/ChangePasswordModal';
import { mayCall } from '../../../shared/api/permissions';
import { ROLE_LABELS } from '../../../shared/auth/roles';
import { call } from '../api/client';
import { useAuth } from '../auth/AuthGate';
import { UsersPage } from '../auth/UsersPage';
import { AuditPage } from '../audit/AuditPage';
import { OutgoingPage } from '../outgoing/OutgoingPage';
import { RecipientsPage } from '../recipients/RecipientsPage';
import { navigate, useRoute } from '../router';
import { SHORTCUTS, useShortcuts } from '../shortcuts';
import { Dashboard } from '../dashboard/Dashboard';
import { RegisterView } from '../incoming/RegisterView';
import { Directory } from '../directory/Directory';
import { DraftingPage } from '../drafting/DraftingPage';
import { SigningPage } from '../signing/SigningPage';
import { GlobalSearch, type GlobalSearchHandle } from '../search/GlobalSearch';
import { IndexProgress } from '../search/IndexProgress';
import { SearchPage } from '../search/SearchPage';
import { SchedulePage } from '../meetings/SchedulePage';
import { InboxPage } from '../inbox/InboxPage';
import { TasksPage } from '../tasks/TasksPage';
import { HosoPage } from '../hoso/HosoPage';
import { ExchangePage } from '../exchange/ExchangePage';
import { ImportPage } from '../imports/ImportPage';
import { useMeetingReminders } from '../meetings/useMeetingReminders';
import { useInboxTotal } from '../inbox/useInboxTotal';
import { Bell } from '../notifications/Bell';
import { DelegationModal } from '../auth/DelegationModal';
import { LiveBar } from './LiveBar';
import { SessionsPage } from '../auth/SessionsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { forgetUnsavedDrafts } from '../util/unsavedForm';
import { BackupPage } from '../backup/BackupPage';

const { Sider, Header, Content } = Layout;

export function AppShell() {
  const route = useRoute();
  const { me, refresh } = useAuth();
  const [newRequest, setNewRequest] = useState(0);
  const [changingPassword, setChangingPassword] = useState(false);
  const [delegating, setDelegating] = useState(false);
  const search = useRef<GlobalSearchHandle>(null);

  const handlers = useMemo(
    () => ({
      newIncoming: () => {
        navigate('/incoming');
        setNewRequest((n) => n + 1);
      },
      focusSearch: () => search.current?.focus(),
    }),
    [],
  );
  useShortcuts(handlers);
  useMeetingReminders();
  const inboxCount = useInboxTotal();
  const openIncoming = useCallback((id: number) => navigate(`/incoming/${id}`), []);

  return (
    <Layout style={{ height: '100vh' }}>
      <Sider width={220} theme="dark" style={{ background: '#0f2c4f' }}>
        <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 16, lineHeight: 1.3 }}>
          Văn phòng điện tử
        </div>
        <Menu
          theme="dark"
          mode="inline"
          style={{ background: '#0f2c4f' }}
          selectedKeys={[route.page === 'units' ? 'settings' : route.page]}
          onClick={(e) => navigate(`/${e.key}`)}
          items={[
            { key: 'dashboard', icon: <DashboardOutlined />, label: 'Tổng quan' },
            {
              key: 'inbox',
              icon: <ClockCircleOutlined />,
              label: (
                <Space size={6}>
                  Chờ tôi xử lý
                  {inboxCount > 0 && <Badge count={inboxCount} size="small" data-testid="inbox-count" title={`${inboxCount} việc chờ tôi xử lý`} />}
                </Space>
              ),
            },
            { key: 'incoming', icon: <InboxOutlined />, label: 'Văn bản đến' },
            { key: 'outgoing', icon: <SendOutlined />, label: 'Văn bản đi' },
            { key: 'drafting', icon: <EditOutlined />, label: 'Soạn thảo' },
            { key: 'signing', icon: <SafetyCertificateOutlined />, label: 'Chữ ký số' },
            { key: 'tasks', icon: <CarryOutOutlined />, label: 'Giao việc' },
            { key: 'hoso', icon: <FolderOpenOutlined />, label: 'Hồ sơ công việc' },
            ...(me.roles.some((r) => r === 'vanthu' || r === 'quantri') ? [{ key: 'exchange', icon: <SwapOutlined />, label: 'Trao đổi văn bản' }] : []),
            { key: 'schedule', icon: <CalendarOutlined />, label: 'Lịch họp' },
            { key: 'recipients', icon: <TeamOutlined />, label: 'Nơi nhận' },
            { key: 'directory', icon: <ContactsOutlined />, label: 'Danh bạ cơ quan' },
            ...(mayCall('audit.list', me.roles) ? [{ key: 'audit', icon: <AuditOutlined />, label: 'Nhật ký' }] : []),
            ...(mayCall('users.create', me.roles) ? [{ key: 'users', icon: <UserOutlined />, label: 'Tài khoản' }] : []),
            ...(mayCall('settings.saveOrganisation', me.roles) ? [{ key: 'settings', icon: <SettingOutlined />, label: 'Cài đặt' }] : []),
            ...(mayCall('sessions.list', me.roles) ? [{ key: 'sessions', icon: <CloudServerOutlined />, label: 'Máy chủ, phiên' }] : []),
            ...(mayCall('backup.status', me.roles) ? [{ key: 'backup', icon: <DatabaseOutlined />, label: 'Sao lưu' }] : []),
          ]}
        />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 16px', lineHeight: 'normal', display: 'flex', alignItems: 'center', gap: 16, borderBottom: '1px solid #e5e7eb' }}>
          <GlobalSearch ref={search} onOpen={openIncoming} />
          <Space style={{ marginLeft: 'auto' }}>
            <IndexProgress />
            <Bell />
            <Dropdown
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: 'Đổi mật khẩu' },
                  { key: 'delegation', icon: <TeamOutlined />, label: 'Ủy quyền xử lý' },
                  { key: 'logout', icon: <LogoutOutlined />, label: 'Đăng xuất' },
                ],
                onClick: ({ key }) =>
                  key === 'password' ? setChangingPassword(true) : key === 'delegation' ? setDelegating(true) : (forgetUnsavedDrafts(), void call('auth.logout', {}).then(refresh)),
              }}
            >
              <Space style={{ cursor: 'pointer' }} data-testid="current-user">
                <UserOutlined />
                <span>
                  {me.fullName} <Typography.Text type="secondary">({me.roles.map((r) => ROLE_LABELS[r]).join(', ')})</Typography.Text>
                </span>
              </Space>
            </Dropdown>
            <Popover
              title="Phím tắt"
              content={
                <table data-testid="shortcuts">
                  <tbody>
                    {SHORTCUTS.map(([k, v]) => (
                      <tr key={k}>
                        <td style={{ paddingRight: 16 }}>
                          <Typography.Text keyboard>{k}</Typography.Text>
                        </td>
                        <td>{v}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            >
              <QuestionCircleOutlined style={{ fontSize: 18, color: '#6b7280' }} aria-label="Phím tắt" />
            </Popover>
          </Space>
        </Header>
        <LiveBar />
        <Content style={{ padding: 16, overflow: 'auto' }}>
          {route.page === 'dashboard' && <Dashboard />}
          {route.page === 'inbox' && <InboxPage />}
          {route.page === 'tasks' && <TasksPage id={typeof route.id === 'number' ? route.id : undefined} />}
          {route.page === 'hoso' && <HosoPage id={typeof route.id === 'number' ? route.id : undefined} />}
          {route.page === 'exchange' && <ExchangePage />}
          {route.page === 'import' && <ImportPage key={route.param ?? 'incoming'} initialKind={route.param === 'outgoing' ? 'outgoing' : 'incoming'} />}
          {route.page === 'search' && <SearchPage param={route.param} />}
          {route.page === 'incoming' && <RegisterView openId={typeof route.id === 'number' ? route.id : undefined} newRequest={newRequest} />}
          {route.page === 'drafting' && <DraftingPage id={route.id} />}
          {route.page === 'directory' && <Directory />}
          {route.page === 'signing' && <SigningPage />}
          {route.page === 'outgoing' && <OutgoingPage />}
          {route.page === 'recipients' && <RecipientsPage />}
          {route.page === 'schedule' && <SchedulePage param={route.param} />}
          {route.page === 'sessions' && (mayCall('sessions.list', me.roles) ? <SessionsPage /> : <Typography.Text type="secondary">Chỉ quản trị xem được mục này.</Typography.Text>)}
          {(route.page === 'settings' || route.page === 'units') &&
            (mayCall('settings.saveOrganisation', me.roles) ? <SettingsPage tab={route.page === 'units' ? 'units' : route.param} /> : <Typography.Text type="secondary">Chỉ quản trị xem được mục này.</Typography.Text>)}
          {route.page === 'backup' && (mayCall('backup.status', me.roles) ? <BackupPage /> : <Typography.Text type="secondary">Chỉ quản trị xem được mục này.</Typography.Text>)}
          {route.page === 'users' && (mayCall('users.create', me.roles) ? <UsersPage /> : <Typography.Text type="secondary">Chỉ quản trị xem được mục này.</Typography.Text>)}
          {route.page === 'audit' && (mayCall('audit.list', me.roles) ? <AuditPage /> : <Typography.Text type="secondary">Chỉ lãnh đạo và quản trị xem được nhật ký.</Typography.Text>)}
        </Content>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
      <DelegationModal open={delegating} onClose={() => setDelegating(false)} />
    </Layout>
  );
}
