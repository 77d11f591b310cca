const PRECACHE = [
  { url: '/index.html', revision: 'a98c2a990e9bcdd80176800147414998' },
  { url: '/assets/main.fd241598.js', revision: null },
  { url: '/assets/main.css', revision: 'c192244e742361747db2c3e2d84692e3' },
  { url: '/assets/login.js', revision: '6029abd0bb1db168a08556624feba9a4' },
  { url: '/icons/icon-192.png', revision: '00444e166685b8d5132c321753911fa9' },
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open('precache-v7').then((cache) => cache.addAll(PRECACHE.map((e) => e.url))));
});
