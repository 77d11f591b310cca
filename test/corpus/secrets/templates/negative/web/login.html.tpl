<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Sign in</title>
  <link rel="icon" href="data:image/png;base64,⟦png-data 160⟧"> ⟪neg image-data⟫
  <link rel="stylesheet" href="https://cdn.example.com/ui/2.1.0/ui.min.css" integrity="⟦integrity sha384⟧" crossorigin="anonymous"> ⟪neg digest⟫
  <script src="https://cdn.example.com/ui/2.1.0/ui.min.js" integrity="⟦integrity sha384⟧" crossorigin="anonymous" defer></script> ⟪neg digest⟫
</head>
<body>
  <img class="logo" alt="Shop" src="data:image/png;base64,⟦png-data 240⟧"> ⟪neg image-data⟫
  <form method="post" action="/login" autocomplete="on">
    <input type="hidden" name="csrfmiddlewaretoken" value="{{ csrf_token }}"> ⟪neg env-reference⟫
    <input type="hidden" name="authenticity_token" value="<%= form_authenticity_token %>"> ⟪neg env-reference⟫
    <label for="email">Email</label>
    <input id="email" name="email" type="email" required>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" minlength="12" required> ⟪neg html-form⟫
    <label for="otp">One-time code</label>
    <input id="otp" name="otp_token" type="text" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code"> ⟪neg html-form⟫
    <input type="password" name="password_confirmation" placeholder="Repeat password" hidden> ⟪neg html-form⟫
    <button type="submit">Sign in</button>
    <a href="/password/reset?token=">Forgot your password?</a> ⟪neg html-form⟫
  </form>
  <div data-config="⟦base64-json⟧"></div> ⟪neg not-jwt⟫
  <script nonce="⟦b64 16⟧">window.__APP__ = { apiBase: "/api", secretFeature: false };</script> ⟪neg config-name⟫
</body>
</html>
