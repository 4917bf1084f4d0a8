import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { App } from './app/app';
import { BootLoading, BootUnreachable } from './app/boot-screens';
import { theme } from './app/theme';
import { createI18n, storedLanguage } from './i18n/i18n';
import { SessionProvider } from './session/session';

// Until the server says otherwise, speak the language chosen on this device, else Kazakh.
const i18n = createI18n(storedLanguage() ?? 'kk');

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} forceColorScheme="light">
      <I18nextProvider i18n={i18n}>
        <BrowserRouter>
          <SessionProvider
            loading={<BootLoading />}
            unreachable={(retry) => <BootUnreachable retry={retry} />}
          >
            <App />
          </SessionProvider>
        </BrowserRouter>
      </I18nextProvider>
    </MantineProvider>
  </StrictMode>,
);
