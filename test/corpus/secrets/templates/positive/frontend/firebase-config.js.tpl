import { initializeApp } from 'firebase/app';
import * as Sentry from '@sentry/browser';

const firebaseConfig = {
  apiKey: '⟦gcp-api-key⟧',
  authDomain: 'shop-web-29f1c.firebaseapp.com',
  projectId: 'shop-web-29f1c',
  storageBucket: 'shop-web-29f1c.appspot.com',
  messagingSenderId: '⟦digits 12⟧', ⟪neg identifier⟫
  appId: '1:⟦digits 12⟧:web:⟦hex 22⟧', ⟪neg identifier⟫
};

Sentry.init({
  dsn: '⟦sentry-dsn⟧',
  tracesSampleRate: 0.1,
});

export const app = initializeApp(firebaseConfig);
