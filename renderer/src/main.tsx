// Renderer entry: pick the transport (which also takes the socket token out of the
// address bar), settle the route, then render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { normaliseRoute } from './app/routes.ts';
import { applyCachedTheme } from './app/theme.ts';
import { startBridge } from './bridge/bridge.ts';
import './app/styles/tokens.css';
import './app/styles/base.css';

applyCachedTheme();
startBridge();
normaliseRoute();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
