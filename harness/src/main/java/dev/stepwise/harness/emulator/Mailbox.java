package dev.stepwise.harness.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<String, List<SentEmail>> emailsByRecipient = new HashMap<>();
    private final Map<String, List<SentSms>> smsByPhone = new HashMap<>();

    Mailbox() {}

    /** All captured emails, oldest first. */
    public synchronized List<SentEmail> emails() {
        return List.copyOf(emails);
    }

    /** The captured emails with {@code address} among their To, Cc or Bcc recipients, oldest first. */
    public synchronized List<SentEmail> emailsTo(String address) {
        return List.copyOf(emailsByRecipient.getOrDefault(address, List.of()));
    }

    /** All captured SMS, oldest first. */
    public synchronized List<SentSms> smsMessages() {
        return List.copyOf(sms);
    }

    /** The captured SMS sent to {@code phoneNumber}, oldest first. */
    public synchronized List<SentSms> smsTo(String phoneNumber) {
        return List.copyOf(smsByPhone.getOrDefault(phoneNumber, List.of()));
    }

    /** Discards every captured message. */
    public synchronized void clear() {
        emails.clear();
        sms.clear();
        emailsByRecipient.clear();
        smsByPhone.clear();
    }

    synchronized void add(SentEmail email) {
        emails.add(email);
        java.util.Set<String> recipients = new java.util.LinkedHashSet<>(email.toAddresses());
        recipients.addAll(email.ccAddresses());
        recipients.addAll(email.bccAddresses());
        recipients.forEach(r ->
                emailsByRecipient.computeIfAbsent(r, k -> new ArrayList<>()).add(email));
    }

    synchronized void add(SentSms message) {
        sms.add(message);
        smsByPhone
                .computeIfAbsent(message.phoneNumber(), k -> new ArrayList<>())
                .add(message);
    }

    synchronized void removeEmails(Predicate<SentEmail> which) {
        emails.removeIf(which);
        emailsByRecipient.values().forEach(list -> list.removeIf(which));
        emailsByRecipient.values().removeIf(List::isEmpty);
    }

    synchronized void removeSms(Predicate<SentSms> which) {
        sms.removeIf(which);
        smsByPhone.values().forEach(list -> list.removeIf(which));
        smsByPhone.values().removeIf(List::isEmpty);
    }
}
