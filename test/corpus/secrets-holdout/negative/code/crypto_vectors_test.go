package crypto

// Published test vectors; the keys are public by definition.
var aesVectors = []struct{ key, plaintext, ciphertext string }{
	// NIST SP 800-38A, F.1.1 ECB-AES128
	{"2b7e151628aed2a6abf7158809cf4f3c", "6bc1bee22e409f96e93d7e117393172a", "3ad77bb40d7a3660a89ecaf32466ef97"},
}

// RFC 4231 test case 1
var hmacKey = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"
var hmacWant = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"

var sha256OfABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
