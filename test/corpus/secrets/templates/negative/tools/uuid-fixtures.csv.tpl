order_id,customer_id,payment_intent,created_at
⟦uuid⟧,⟦uuid⟧,pi_⟦alnum 24⟧,2024-06-01T10:00:00Z ⟪neg uuid⟫
⟦uuid⟧,⟦uuid⟧,pi_⟦alnum 24⟧,2024-06-01T10:05:12Z ⟪neg uuid⟫
⟦uuid⟧,⟦uuid⟧,pi_⟦alnum 24⟧,2024-06-01T10:09:40Z ⟪neg uuid⟫
⟦uuid⟧,⟦uuid⟧,pi_⟦alnum 24⟧,2024-06-01T11:44:03Z ⟪neg uuid⟫
