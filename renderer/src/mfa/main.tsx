import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MfaPrompt } from './MfaPrompt';
import { mfaContractApi } from '../transport/contract-api';
import '../styles.css';
import './mfa.css';

// The MFA prompt window's page: talks to main only through window.akvaultMfa (preload/mfa.ts), or
// over HTTP when opened from the browser UI (which normally answers prompts in its own page).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MfaPrompt api={mfaContractApi()} />
  </StrictMode>,
);
