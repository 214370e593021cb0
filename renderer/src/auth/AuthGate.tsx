import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Spin, Typography } from 'antd';
import type { Caller } from '../../../shared/auth/roles';
import type { AuthStatus } from '../../../shared/auth/schemas';
import { call } from '../api/client';
import { startLive, stopLive } from '../api/live';
import type { MethodName } from '../../../shared/api/contract';
import { mayCall } from '../../../shared/api/permissions';
import { clearErrorsOnChange, showError } from '../api/errors';
import { NewPasswordFields } from './NewPasswordFields';
import { navigate, parseRoute } from '../router';
import { pageAllowed } from './pageAccess';

interface Auth {
  me: Caller;
  refresh(): void;
}
const AuthContext = createContext<Auth | null>(null);

/** The logged-in account; the screens show only what its roles may do (the API enforces the same). */
export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthGate');
  return a;
}

/** Whether the logged-in account may call a method: screens show only what works (the API enforces the same rule). */
export function useCan(name: MethodName): boolean {
  return mayCall(name, useAuth().me.roles);
}

/** Nothing of the office is shown before login; on a fresh database, the first account is created here. */
export function AuthGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // Whoever logs in lands on a page they may see: the address the last user left (an administrator's Tài khoản)
  // gives way to the dashboard before the office is shown.
  const enter = useCallback((s: AuthStatus) => {
    if (s.user && !pageAllowed(parseRoute(location.hash).page, s.user.roles)) navigate('/dashboard');
    setStatus(s);
  }, []);
  const refresh = useCallback(() => {
    call('auth.status', {}).then(enter, (e: Error) => setFailed(e.message));
  }, [enter]);
  useEffect(() => {
    refresh();
    const out = () => refresh();
    window.addEventListener('vanphong:logged-out', out);
    return () => window.removeEventListener('vanphong:logged-out', out);
  }, [refresh]);

  const loggedIn = !!status?.user;
  useEffect(() => {
    if (loggedIn) startLive();
    else stopLive();
  }, [loggedIn]);

  if (failed) return <Alert type="error" showIcon message="Không kết nối được với ứng dụng" description={failed} style={{ margin: 48 }} />;
  if (!status) return <Spin style={{ display: 'block', marginTop: 120 }} />;
  if (!status.user) {
    return (
      <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#0f2c4f' }}>
        {status.needsSetup ? <SetupCard onDone={enter} /> : <LoginCard onDone={enter} />}
      </div>
    );
  }
  return <AuthContext.Provider value={{ me: status.user, refresh }}>{children}</AuthContext.Provider>;
}

function LoginCard({ onDone }: { onDone(s: AuthStatus): void }) {
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(v: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('auth.login', v));
    } catch (e) {
      if (!showError(e, setError, form, ['username'])) form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card style={{ width: 380 }} data-testid="login">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Văn phòng điện tử
      </Typography.Title>
      <Typography.Paragraph type="secondary">Đăng nhập bằng tài khoản do quản trị cấp.</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={clearErrorsOnChange(form)} requiredMark={false}>
        <Form.Item name="username" label="Tên đăng nhập" rules={[{ required: true, message: 'Nhập tên đăng nhập.' }]}>
          <Input autoFocus autoComplete="username" data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label="Mật khẩu" rules={[{ required: true, message: 'Nhập mật khẩu.' }]} validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <Input.Password autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block disabled={busy} loading={busy} data-testid="login-submit">
          Đăng nhập
        </Button>
      </Form>
    </Card>
  );
}

interface SetupValues {
  username: string;
  fullName: string;
  title?: string;
  password: string;
  confirm: string;
}

function SetupCard({ onDone }: { onDone(s: AuthStatus): void }) {
  const [form] = Form.useForm<SetupValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(v: SetupValues) {
    setBusy(true);
    try {
      onDone(await call('auth.setup', { username: v.username, fullName: v.fullName, title: v.title, roles: ['quantri'], password: v.password }));
    } catch (e) {
      showError(e, setError, form, ['username', 'fullName', 'title', 'password']);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card style={{ width: 440 }} data-testid="setup">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Tạo tài khoản quản trị
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        Cơ sở dữ liệu mới chưa có tài khoản nào. Tài khoản đầu tiên là quản trị: người tạo tài khoản cho văn thư, chuyên viên và lãnh đạo.
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="username" label="Tên đăng nhập" rules={[{ required: true, message: 'Nhập tên đăng nhập.' }]}>
          <Input autoFocus autoComplete="username" data-testid="setup-username" />
        </Form.Item>
        <Form.Item name="fullName" label="Họ và tên" rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên.' }]}>
          <Input data-testid="setup-fullname" />
        </Form.Item>
        <Form.Item name="title" label="Chức vụ">
          <Input />
        </Form.Item>
        <NewPasswordFields label="Mật khẩu" testId="setup" />
        <Button type="primary" htmlType="submit" block disabled={busy} loading={busy} data-testid="setup-submit">
          Tạo tài khoản và đăng nhập
        </Button>
      </Form>
    </Card>
  );
}
