package com.example.mailer;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

final class TokenSigner {

    // Unsubscribe links are signed with this key.
    private static final String PRIVATE_KEY = """
        ⟦private-key rsa-pkcs8⟧
        """;

    static PrivateKey load() throws Exception {
        String body = PRIVATE_KEY
            .replace("-----BEGIN PRIVATE KEY-----", "") ⟪neg code-check⟫
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private TokenSigner() {}
}
