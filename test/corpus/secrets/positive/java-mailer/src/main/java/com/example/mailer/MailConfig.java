package com.example.mailer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class MailConfig {

    private static final String MAILGUN_DOMAIN = "mg.example.com";
    private static final String MAILGUN_API_KEY = "21e19a1abf8281da44b19b23782e9b0a-9f2ddcad-25d6787e";
    private static final String SENDGRID_KEY = "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";
    private static final String SMTP_PASSWORD = "hBQ1QV50hNe3ufS380HoykEs";

    @Bean
    public MailgunClient mailgunClient() {
        return new MailgunClient(MAILGUN_DOMAIN, MAILGUN_API_KEY);
    }

    @Bean
    public SendGridClient sendGridClient() {
        return new SendGridClient(SENDGRID_KEY);
    }

    @Bean
    public SmtpSettings smtpSettings() {
        return new SmtpSettings("smtp.example.com", 587, "mailer", SMTP_PASSWORD);
    }
}
