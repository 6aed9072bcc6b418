import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectStore } from './store';
import { exposeStoreForTests } from './store/test-access';
import { contractApi } from './transport/contract-api';
import './styles.css';

// In Electron the preload provides window.akvault, and MFA prompts have their own window. The browser
// UI builds the same API over HTTP and answers MFA prompts in the page.
const inElectron = typeof window.akvault !== 'undefined';
const api = contractApi();
connectStore(api, { askPendingMfa: !inElectron });
exposeStoreForTests();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
