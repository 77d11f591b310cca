package ids

// Identifiers seen in API payloads; none of them grants access.
const (
	sampleCustomer   = "cus_6U64SrHGVC7Eke"
	samplePayment    = "pi_3PHj1JtLFYdmoNhiM9kkJoBb"
	sampleInstance   = "i-083c2f5e4c243db53"
	sampleRoleArn    = "arn:aws:iam::123456789012:role/app-Oigs2dPObyQz"
	sampleObjectID   = "a3cc5c28a4e344f2fb70b2a7"
	sampleTwilioSid  = "ACd811238a9e9d1a81fa04d0d39d0e25f6"
	sampleMessageSid = "SM68a35890ce95e4f24060e1a56fb37940"
	googleClientID   = "606641213576-mwh2278sa4igbjsp32o3qc1wlgt0a64b.apps.googleusercontent.com"
	githubAppClient  = "Iv1.06da02125662dd95"
	ulid             = "01HZ25E4Q7VBTG89FY6QJHFF1H"
	traceParent      = "00-1c7e733979a452715c7c260ae15fe80b-805f444cf114bc29-01"
)
