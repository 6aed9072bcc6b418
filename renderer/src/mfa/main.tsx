import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MfaPrompt } from './MfaPrompt';
import '../styles.css';
import './mfa.css';

// The MFA prompt window's page: talks to main only through window.akvaultMfa (preload/mfa.ts).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MfaPrompt api={window.akvaultMfa} />
  </StrictMode>,
);
