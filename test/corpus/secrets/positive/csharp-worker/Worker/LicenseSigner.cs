namespace Worker;

using System.Security.Cryptography;

internal static class LicenseSigner
{
    private const string KeyPem = @"-----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEAqSUobsI8rWVxwSqwNjZUsN9A/rRJY63K5LhN3PFvXjYWjvea
    POdyopZxYkf/Uw4DMJ4yc4GQO/UZKM8Vqb9DVJy2KRee6Z00CJQZ5db819gDZlIv
    i4XPPjl5KYIEMnXBawjEfszBsy724OrFm81eRx23SRPKSj9LaB2Uos1IGCRL6TWG
    jFjgQAoy2RqTTIPNSjgJh5JT627yR94+/ml3yfiGoxCyXWiChN8M7e/LO+lu26E7
    fEsIOFqGHKq/jUdWcLGGJJpTetCTkqRn9B+TuqLOjQgPwwQ1+IMHusRLW3eqr4ec
    6E0GMmED90M4WsQhlkBKWeM6ZURMK1zAzdobmQIDAQABAoIBAARZk7OzfuwmU3mt
    r3NEIZiciTdJANPVgfCwtQnqqJv3j/bJyII/9oYBZfWVLJcLdsq0NXpxzs6H7rIg
    Dz/QDtB5KO3KG84IuwWXH3UL0Bv8mWvIecy2BSl7FhIFSWEt1OqmgqfQfBEaXa1/
    mX44rBpv7x6BPzQlHWXrpX6sAP+5O8TW9J0vj5j4YoRhy87oWYdStabtcuHqXd+g
    ANQfyWabOQlDk2HFoRtascmaQCZbjRnJVuS7wvHX8do6Afp/6S6i1Scez6kTExcG
    sHvJxIGxF0LiUK88tTT4ddxHB4zPYkEIVuDnsLxvaUWKephVgl5ugF4m45uzbcMl
    P3CEg20CgYEA7tUsMHUbUXjYmB1YvqmehpCC0Vw+oqM2DAyfD50zJ2ortfBUS52r
    OL6EzE3i6JEV4HTK9hnnxJHm4kjlPbhU9RthbcfyfCpSKKjzFphN79CBTgBCpihZ
    4f9RFCx0c3WXbp3mfoP3Rn655jJthF28WKYc0bxjYG+57b9oK1kIgFUCgYEAtU2l
    JU/uvxZh5SUYxagf4MR7NqEnZPo2rac4432fpZA/S1O5QLXw0rHQajk9UCOc2AFI
    D5QVUScOnXwtRLHJwnkk8IKiR5rPEnv1nePTHUtjxZaYMGv84HIZtmIxCR9WvO+a
    rUWURMPE1IoNg94HXJkS7s0hAacB0v/lW0EbYjUCgYBZlh7QQm0v31unm4J5alir
    czOO4sIf8YbJeEaF7dqNU1b4FSEZiBf83gIkPKb7w8hn/IdRTyBP7MalZOCQiT9c
    /ZtLObAsgRd2ZwFgHVtGtHh8UL6vYv1sN4ArSA2abaaS+KnIFSpBCDIlNg88koie
    3Bh9V+QS/XXJx32EnQ4CTQKBgEzVsQ1VCLsWwzoXNJ5fl9LrscP/G/DhUVbarXNL
    g+LodMp5muLfuEWycb7yrxdNYGTydhWUDkysHreDLrQUHIs8R/ldg2SRKPyOaBMX
    wBqEHq5YGfs7aJm+AUOX7WwOSfYcHRMdj65swPfJ4dxmtfv6K1nkuP44Rr+jDxJT
    T0WZAoGBAJFpnmkw3e52x+p3Ta78P6tWbVzJxFMAR3lkmwVY8+eNfczV/mG5yz/8
    YDnfP5ZKfODif4hTD4ngSBJYIyGtynrtBJk9IC9Qu//zgb2yGjRtqPGyveIMspbr
    UifqSdLPspRWixC2R85cPmAcRtwictzSphYJvO5plJ6t2rk+4367
    -----END RSA PRIVATE KEY-----";

    public static byte[] Sign(byte[] payload)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(KeyPem);
        return rsa.SignData(payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
