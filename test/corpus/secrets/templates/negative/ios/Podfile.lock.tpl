PODS:
  - Alamofire (5.9.1)
  - KeychainAccess (4.2.2)
  - Sentry (8.29.0):
    - Sentry/Core (= 8.29.0)

DEPENDENCIES:
  - Alamofire (~> 5.9)
  - KeychainAccess
  - Sentry

SPEC CHECKSUMS:
  Alamofire: ⟦hex 40⟧ ⟪neg lockfile-hash⟫
  KeychainAccess: ⟦hex 40⟧ ⟪neg lockfile-hash⟫
  Sentry: ⟦hex 40⟧ ⟪neg lockfile-hash⟫

PODFILE CHECKSUM: ⟦hex 40⟧ ⟪neg lockfile-hash⟫

COCOAPODS: 1.15.2
