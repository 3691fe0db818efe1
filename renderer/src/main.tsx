// Every Ant Design component's styles, prebuilt (theme.ts: zeroRuntime). First, so the app's own stylesheets come after it and override it.
import 'antd/dist/antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { initToken } from './api/token';
import { Root, startShell } from './Root';
import './global.css';

dayjs.locale('zh-cn');
// Take the browser-mode token out of the address bar before anything renders.
initToken();
// Pasting the full address into a tab already showing the app only changes the hash.
window.addEventListener('hashchange', () => {
  if (/token=/.test(window.location.hash) && initToken()) window.location.reload();
});

startShell();

const el = document.getElementById('root');
if (el) {
  createRoot(el).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
