client
dev tun
proto udp
remote vpn.example.com 1194
resolv-retry infinite
nobind
persist-key
persist-tun
remote-cert-tls server
cipher AES-256-GCM
verb 3
<ca>
⟦certificate example-vpn-ca⟧ ⟪neg certificate⟫
</ca>
<cert>
⟦certificate alice-laptop⟧ ⟪neg certificate⟫
</cert>
<key>
⟦private-key rsa-pkcs8⟧
</key>
