<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>CLIENT_ID</key>
	<string>⟦google-client-id⟧</string> ⟪neg identifier⟫
	<key>REVERSED_CLIENT_ID</key>
	<string>com.googleusercontent.apps.⟦digits 12⟧-⟦alnum 32⟧</string> ⟪neg identifier⟫
	<key>GCM_SENDER_ID</key>
	<string>⟦digits 12⟧</string> ⟪neg identifier⟫
	<key>BUNDLE_ID</key>
	<string>com.example.shop</string>
	<key>GOOGLE_APP_ID</key>
	<string>1:⟦digits 12⟧:ios:⟦hex 22⟧</string> ⟪neg identifier⟫
</dict>
</plist>
