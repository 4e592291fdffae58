package io.clickstream.oozie;

import java.util.Map;
import java.util.Properties;
import javax.mail.Authenticator;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.PasswordAuthentication;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.w3c.dom.Element;

/**
 * Oozie's {@code <email>} action on the local runner, sent through an SMTP server as Oozie's server sends it, with the
 * settings of Oozie's own names ({@code oozie.email.smtp.host}, {@code .port}, {@code oozie.email.from.address},
 * {@code oozie.email.smtp.auth} and {@code .username}) taken from the run's properties ({@code -D} or the properties
 * file); the password only from the environment ({@value #PASSWORD_ENV}). Without a host the e-mail is printed.
 */
final class EmailAction {

    static final String HOST = "oozie.email.smtp.host";
    static final String PORT = "oozie.email.smtp.port";
    static final String FROM = "oozie.email.from.address";
    static final String AUTH = "oozie.email.smtp.auth";
    static final String USERNAME = "oozie.email.smtp.username";
    static final String PASSWORD_ENV = "CLICKSTREAM_SMTP_PASSWORD";

    private EmailAction() {
    }

    /** Sends the action's e-mail, or says where it would have gone; a failed send is Oozie's EM007. */
    static String send(Element action, Map<String, String> properties) throws LocalActions.ActionFailed {
        return send(LocalActions.text(action, "to"), LocalActions.text(action, "cc"), LocalActions.text(action, "subject"),
                LocalActions.text(action, "body"), properties);
    }

    /** Sends an e-mail ({@code to} and {@code cc} comma-separated, {@code cc} may be null), or says where it would have gone. */
    static String send(String to, String cc, String subject, String body, Map<String, String> properties)
            throws LocalActions.ActionFailed {
        String host = properties.get(HOST);
        if (host == null || host.isBlank()) {
            return "e-mail to " + to + " not sent (no " + HOST + "): " + subject;
        }
        Properties smtp = new Properties();
        smtp.setProperty("mail.smtp.host", host);
        smtp.setProperty("mail.smtp.port", properties.getOrDefault(PORT, "25"));
        smtp.setProperty("mail.smtp.connectiontimeout", "10000");
        smtp.setProperty("mail.smtp.timeout", "10000");
        boolean auth = Boolean.parseBoolean(properties.getOrDefault(AUTH, "false"));
        smtp.setProperty("mail.smtp.auth", String.valueOf(auth));
        Session session = Session.getInstance(smtp, !auth ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(properties.get(USERNAME), System.getenv(PASSWORD_ENV));
            }
        });
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(properties.getOrDefault(FROM, "oozie@localhost")));
            for (String address : to.split(",")) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(address.strip()));
            }
            if (cc != null && !cc.isBlank()) {
                for (String address : cc.split(",")) {
                    message.addRecipient(Message.RecipientType.CC, new InternetAddress(address.strip()));
                }
            }
            message.setSubject(subject, "UTF-8");
            message.setText(body, "UTF-8");
            Transport.send(message);
            return "e-mail sent to " + to + ": " + subject;
        } catch (MessagingException e) {
            throw new LocalActions.ActionFailed("EM007: the e-mail could not be sent through " + host + ":"
                    + smtp.getProperty("mail.smtp.port") + ": " + e.getMessage());
        }
    }
}
