package dev.stepwise.harness.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every email and SMS the emulator's SES v2 and SNS endpoints received, in arrival order. The same messages are
 * readable over HTTP at LocalStack's paths ({@code /_aws/ses}, {@code /_aws/sns/sms-messages}).
 *
 * <p>Thread-safe. Messages stay until {@link #clear()} (or an HTTP {@code DELETE}).
 */
public final class Mailbox {

    private final List<SentEmail> emails = new ArrayList<>();
    private final List<SentSms> sms = new ArrayList<>();

    Mailbox() {}

    /** All captured emails, oldest first. */
    public synchronized List<SentEmail> emails() {
        return List.copyOf(emails);
    }

    /** The captured emails with {@code address} among their To, Cc or Bcc recipients, oldest first. */
    public List<SentEmail> emailsTo(String address) {
        return emails().stream()
                .filter(e -> e.toAddresses().contains(address)
                        || e.ccAddresses().contains(address)
                        || e.bccAddresses().contains(address))
                .toList();
    }

    /** All captured SMS, oldest first. */
    public synchronized List<SentSms> smsMessages() {
        return List.copyOf(sms);
    }

    /** The captured SMS sent to {@code phoneNumber}, oldest first. */
    public List<SentSms> smsTo(String phoneNumber) {
        return smsMessages().stream()
                .filter(m -> m.phoneNumber().equals(phoneNumber))
                .toList();
    }

    /** Discards every captured message. */
    public synchronized void clear() {
        emails.clear();
        sms.clear();
    }

    synchronized void add(SentEmail email) {
        emails.add(email);
    }

    synchronized void add(SentSms message) {
        sms.add(message);
    }

    synchronized void removeEmails(Predicate<SentEmail> which) {
        emails.removeIf(which);
    }

    synchronized void removeSms(Predicate<SentSms> which) {
        sms.removeIf(which);
    }
}
