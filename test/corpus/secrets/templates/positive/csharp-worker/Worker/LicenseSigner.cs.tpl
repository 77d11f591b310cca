namespace Worker;

using System.Security.Cryptography;

internal static class LicenseSigner
{
    private const string KeyPem = @"⟦private-key rsa-traditional⟧";

    public static byte[] Sign(byte[] payload)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(KeyPem);
        return rsa.SignData(payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
