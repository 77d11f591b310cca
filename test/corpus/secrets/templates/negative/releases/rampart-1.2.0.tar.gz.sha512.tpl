⟦hex 128⟧  rampart-1.2.0.tar.gz ⟪neg checksum⟫
