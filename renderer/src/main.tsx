import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { AppShell } from './layout/AppShell';
import { AuthGate } from './auth/AuthGate';
import { ConnectPage } from './desktop/ConnectPage';
import './styles.css';

dayjs.locale('vi');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={viVN}
      theme={{ token: { fontFamily: "'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif", colorPrimary: '#1d4e89', borderRadius: 4 } }}
    >
      {/* Toasts open below the header line (64 px), never over a drawer's title; notices bottom right, clear of its buttons. */}
      <AntApp message={{ top: 72 }} notification={{ placement: 'bottomRight' }}>
        {location.pathname === '/connect' && window.vanphongDesk ? (
          <ConnectPage />
        ) : (
          <AuthGate>
            <AppShell />
          </AuthGate>
        )}
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
