<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Store locator</title>
    <link rel="stylesheet" href="/assets/main.css" />
  </head>
  <body>
    <div id="map"></div>
    <script src="https://maps.googleapis.com/maps/api/js?key=⟦gcp-api-key⟧&callback=initMap" async></script>
    <script src="/assets/locator.js"></script>
  </body>
</html>
