package com.example.mailer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class MailConfig {

    private static final String MAILGUN_DOMAIN = "mg.example.com";
    private static final String MAILGUN_API_KEY = "⟦mailgun new⟧";
    private static final String SENDGRID_KEY = "⟦sendgrid⟧";
    private static final String SMTP_PASSWORD = "⟦password 24 alnum⟧";

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
