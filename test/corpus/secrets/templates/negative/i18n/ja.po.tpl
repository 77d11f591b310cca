msgid "Password"
msgstr "パスワード" ⟪neg i18n⟫

msgid "Your access token has expired."
msgstr "アクセストークンの有効期限が切れました。" ⟪neg i18n⟫

msgid "Secret key"
msgstr "秘密鍵" ⟪neg i18n⟫
