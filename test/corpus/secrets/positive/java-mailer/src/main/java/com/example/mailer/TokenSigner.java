package com.example.mailer;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

final class TokenSigner {

    // Unsubscribe links are signed with this key.
    private static final String PRIVATE_KEY = """
        -----BEGIN PRIVATE KEY-----
        MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCsdyNFQOMNw65M
        ASQpxe6Fr8g0q0r3MnVOk/3WIQge+kNzfoN3ImI1q9lcdOG7+mJ3R37rheAjIokr
        +962a2TH1CeMOzba18CupHtjdt+vnDfiDYnUJ4Mm/A5ZrkQAiTiMHZ7ibYTEX1SE
        QW+Keu1yU17dy1gTtwtgBuzPRkAXxRjKPg53hzr4YS/Py2iybnYaH1PzU+ohLAbj
        qOU21gMp9b6JXCgbV3YOs+6cuqZWWItMsg42aeQTIw3yYcE1vn7nLHO3ZrCUsHun
        Hr1mTv21RDOmjS2Jt2GWwWoqznPLZea5fIOzOJNNS0yoNx7lCWCvBbLZbrrPdDdn
        vk/VeZmFAgMBAAECggEAAUS3C7FYeidwRrrTa0M7Z9xNGqYP3RWP604HVeXUS3YH
        vPe3O88S7dYfuSBa8Kj8xGfQNSc86MU+QQaPMsRDb3zN9agR1TY1ApPPHIIpTv9V
        IeJ7mwXXXxgHev1fHqnjspQdMQkhKtiQpJBeo6QXzvlx/yuZsDtuZ/xlDXk0y3fy
        hMYhDL0IBbUNhd6Fk7JklIdpGCrNIa8g5CPnW6YG1wC/1Y6eMn3DrS49uLlVBFFU
        jYvKUWOlKsdiNPzmkcoRSqc3kbaFdIsMqU67hxL4b7aIZCMjGRWckNKmgMkFVJv1
        3oJSxNiFp+kEcBEcQaiXvdE4ErOA/VT4T+cLnZuzWQKBgQDqWCXu306s6wNMaYhG
        /jkwoDWugY3sm6lIlxZmHaMr5sSM7Ac91AvqDneM1rVHRTtd6ajqQO7BpS1JKDmZ
        Ii3pjGad6YIGSdbVT9aQQFnKNUdvOIf5c9FZdArr7KZrwNs5dCKqAVhzCKqQi492
        kbG1FQeor57HkM2u/mR0+eVYkwKBgQC8ZyC3CMZ9ufDi6OTi6mX8wRZ13i1mbPDp
        LVhW+JiOe7WHfklcaU6k/ie4XVyc3OE6uwT2t+QANm5XLns/FEnmw6oZSzCGrE7r
        MmzpRH+NbWofbTVpFHWevjdh3K7f313PA2PLQ8dtlQAm0om+OWXMUDAF9OzLf3f7
        u3waPrsMhwKBgDuFpCzmH0+gabgQ3gJaNCB7sObgFTJR30+GwLOzN2zBMo8wrC4y
        G8yZXBgzuNufZBLYdIT7dSlOURBR3T9eBRdbB/14AASk4KJRowgEsEnB+qDvVOox
        Vq1H4jZGZ4ba91PCgcN4kAS34MrSB+Bv5Rk/fDCGWugJiZS3HMDxcCVtAoGAIrlj
        Nzj/1IZj1n6USRpop7gy2pCTj5A+qst3v7fb7k7wu0NUZBroqtJJIdrbSfIP9RIp
        LQvhkwR1O85OWubzY/vmKvlHvVqexQyrNCcy1y82Ywpu0Ko7r4FhlcDl3k896/y0
        9O7OH+1ZdM5TIuNTVt/kqgRlbHBW/eelTPUI5psCgYAywL4KLYqkWJQdTEZsWEhI
        fe9Fwk/6bVA730TrX7LYKbHRwVIQZeNp64NrUuAqewVKeoFdJrNZKhYuf6/NMY3A
        Ek+S42Ys89/cHxpFZTTm7GtMM6CXDgU31USNC4PeOgvVJHbp7BkOTOIdZoiQcqfB
        x8KG9/63zVLFC8ICyqwUow==
        -----END PRIVATE KEY-----
        """;

    static PrivateKey load() throws Exception {
        String body = PRIVATE_KEY
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private TokenSigner() {}
}
