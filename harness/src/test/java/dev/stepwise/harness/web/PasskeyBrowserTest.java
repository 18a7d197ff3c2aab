package dev.stepwise.harness.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SentEmail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

@Tag("slow")
class PasskeyBrowserTest {
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");

    private static HeadlessChromium browser;
    private static CognitoEmulator emulator;
    private static Seeded seeded;
    private static String page;

    @BeforeAll
    static void start() {
        int port = freePort();
        String origin = "http://localhost:" + port;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        emulator = CognitoEmulator.builder()
                .port(port)
                .bundledTriggers(Map.of(
                        "STEPWISE_POLICY", "email_code > passkey",
                        "STEPWISE_SECRET", Base64.getEncoder().encodeToString(secret),
                        "STEPWISE_PASSKEY_SETUP", "on",
                        "STEPWISE_WEBAUTHN_RP_ID", "localhost",
                        "STEPWISE_WEBAUTHN_ORIGINS", origin))
                .webPage(true)
                .functionLog(line -> {})
                .start();
        seeded = emulator.seed();
        page = origin + "/sign-in/";
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    @Test
    void passkey_setUpOnThePageThenUsed_signsInWithIt() {
        VirtualAuthenticator authenticator = browser.driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
        try {
            signInWithEmailCode(1);
            browser.awaitHeading("Create a passkey");
            browser.screenshot("passkey-setup");
            browser.click("Create a passkey");
            browser.awaitHeading("Signed in");
            List<Credential> created = authenticator.getCredentials();
            String notice = browser.await(() -> "the new-passkey notice", () -> emails().size() >= 2 ? "sent" : null);

            signInWithEmailCode(3);
            browser.awaitHeading("Sign in with your passkey");
            browser.screenshot("passkey");
            authenticator.removeAllCredentials();
            browser.click("Use your passkey");
            String withoutPasskey = browser.awaitAlert();
            authenticator.addCredential(created.get(0));
            browser.click("Use your passkey");
            browser.awaitHeading("Signed in");
            List<Credential> afterUse = authenticator.getCredentials();

            assertThat(withoutPasskey).startsWith("No passkey was used");
            assertThat(notice).isEqualTo("sent");
            assertThat(emails().get(1).subject()).containsIgnoringCase("passkey");
            assertThat(created).singleElement().satisfies(c -> {
                assertThat(c.isResidentCredential()).isTrue();
                assertThat(c.getRpId()).isEqualTo("localhost");
            });
            assertThat(afterUse.get(0).getSignCount())
                    .isGreaterThan(created.get(0).getSignCount());
            assertThat(browser.text("main")).contains("You are signed in as " + seeded.username() + ".");
        } finally {
            browser.driver.removeVirtualAuthenticator(authenticator);
        }
    }

    private void signInWithEmailCode(int nth) {
        browser.open(page);
        browser.awaitHeading("Sign in");
        browser.type("Username", seeded.username());
        if (browser.driver.findElements(org.openqa.selenium.By.xpath("//label[normalize-space()='Password']")).stream()
                .anyMatch(org.openqa.selenium.WebElement::isDisplayed)) {
            browser.type("Password", seeded.password());
        }
        browser.click("Sign in");
        browser.awaitHeading("Enter the code we emailed you");
        String code = browser.await(() -> "email " + nth, () -> {
            List<SentEmail> emails = emails();
            if (emails.size() < nth) {
                return null;
            }
            Matcher m = SIX_DIGITS.matcher(emails.get(nth - 1).textBody());
            return m.find() ? m.group(1) : null;
        });
        browser.type("Code", code);
        browser.click("Continue");
    }

    private static List<SentEmail> emails() {
        return emulator.mailbox().emailsTo(seeded.email());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
