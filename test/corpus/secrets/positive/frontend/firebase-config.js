import { initializeApp } from 'firebase/app';
import * as Sentry from '@sentry/browser';

const firebaseConfig = {
  apiKey: 'AIzaSyV85Hv1OUy-CvW6xP9oVtK6ZuMSPcnRHUF',
  authDomain: 'shop-web-29f1c.firebaseapp.com',
  projectId: 'shop-web-29f1c',
  storageBucket: 'shop-web-29f1c.appspot.com',
  messagingSenderId: '156528290553',
  appId: '1:750164514629:web:83355f98dff52ed2a9436c',
};

Sentry.init({
  dsn: 'https://96cf1aea7ce9ae6096641c211babe966@o568316.ingest.us.sentry.io/1361799',
  tracesSampleRate: 0.1,
});

export const app = initializeApp(firebaseConfig);
