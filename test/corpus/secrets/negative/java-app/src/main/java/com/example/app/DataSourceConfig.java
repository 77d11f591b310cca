package com.example.app;

import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class DataSourceConfig {

    @Value("${spring.datasource.password}")
    private String password;

    @Value("${app.jwt.secret:}")
    private String jwtSecret;

    private static final String PASSWORD_PROPERTY = "spring.datasource.password";
    private static final String TOKEN_HEADER = "Authorization";

    @Bean
    public DataSource dataSource(SecretsClient secrets) {
        String dbPassword = secrets.getPassword("orders-db");
        char[] keystorePassword = System.getenv("KEYSTORE_PASSWORD").toCharArray();
        return DataSourceBuilder.create()
            .url("jdbc:postgresql://orders-db.internal:5432/orders")
            .username("orders")
            .password(dbPassword)
            .build();
    }
}
