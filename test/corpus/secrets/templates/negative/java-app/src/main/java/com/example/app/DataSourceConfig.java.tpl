package com.example.app;

import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class DataSourceConfig {

    @Value("${spring.datasource.password}") ⟪neg env-reference⟫
    private String password;

    @Value("${app.jwt.secret:}") ⟪neg env-reference⟫
    private String jwtSecret;

    private static final String PASSWORD_PROPERTY = "spring.datasource.password"; ⟪neg config-name⟫
    private static final String TOKEN_HEADER = "Authorization"; ⟪neg config-name⟫

    @Bean
    public DataSource dataSource(SecretsClient secrets) {
        String dbPassword = secrets.getPassword("orders-db"); ⟪neg function-call⟫
        char[] keystorePassword = System.getenv("KEYSTORE_PASSWORD").toCharArray(); ⟪neg env-reference⟫
        return DataSourceBuilder.create()
            .url("jdbc:postgresql://orders-db.internal:5432/orders") ⟪neg conn-no-password⟫
            .username("orders")
            .password(dbPassword) ⟪neg function-call⟫
            .build();
    }
}
