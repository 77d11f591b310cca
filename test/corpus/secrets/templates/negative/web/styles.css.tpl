:root {
  --brand: #1f6feb; ⟪neg css⟫
  --brand-dark: #0b3d91; ⟪neg css⟫
  --danger: #d73a49;
  --token-bg: #f6f8fa; ⟪neg css⟫
  --secret-badge: #8250df; ⟪neg css⟫
}

@font-face {
  font-family: "Inter";
  src: url("data:font/woff2;base64,⟦b64 300⟧") format("woff2"); ⟪neg image-data⟫
}

.password-strength-meter { height: 4px; background: linear-gradient(90deg, #d73a49 0%, #e3b341 50%, #2da44e 100%); } ⟪neg css⟫
.api-key-field { font-family: ui-monospace, SFMono-Regular, monospace; letter-spacing: 0.02em; } ⟪neg css⟫
.token-list > li:nth-child(2n+1) { background-color: #fafbfc; } ⟪neg css⟫
.icon-lock { background-image: url("data:image/svg+xml;base64,⟦b64 180⟧"); } ⟪neg image-data⟫
.secret-input::placeholder { color: rgba(31, 35, 40, 0.5); }
