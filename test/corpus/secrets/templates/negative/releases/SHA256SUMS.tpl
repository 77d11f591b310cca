⟦hex 64⟧  rampart-1.2.0-linux-amd64.tar.gz ⟪neg checksum⟫
⟦hex 64⟧  rampart-1.2.0-linux-arm64.tar.gz ⟪neg checksum⟫
⟦hex 64⟧  rampart-1.2.0-darwin-amd64.tar.gz ⟪neg checksum⟫
⟦hex 64⟧  rampart-1.2.0-darwin-arm64.tar.gz ⟪neg checksum⟫
⟦hex 64⟧  rampart-1.2.0-windows-amd64.zip ⟪neg checksum⟫
⟦hex 64⟧  rampart-1.2.0.sbom.json ⟪neg checksum⟫
⟦hex 64⟧  rampart-1.2.0.spdx.json ⟪neg checksum⟫
⟦hex 64⟧  rampart_1.2.0_amd64.deb ⟪neg checksum⟫
