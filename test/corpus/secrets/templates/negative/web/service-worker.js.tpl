const PRECACHE = [
  { url: '/index.html', revision: '⟦hex 32⟧' }, ⟪neg checksum⟫
  { url: '/assets/main.⟦hex 8⟧.js', revision: null },
  { url: '/assets/main.css', revision: '⟦hex 32⟧' }, ⟪neg checksum⟫
  { url: '/assets/login.js', revision: '⟦hex 32⟧' }, ⟪neg checksum⟫
  { url: '/icons/icon-192.png', revision: '⟦hex 32⟧' }, ⟪neg checksum⟫
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open('precache-v7').then((cache) => cache.addAll(PRECACHE.map((e) => e.url))));
});
