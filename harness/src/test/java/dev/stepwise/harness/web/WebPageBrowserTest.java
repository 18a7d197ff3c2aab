package dev.stepwise.harness.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SentEmail;
import dev.stepwise.harness.emulator.SentSms;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

class WebPageBrowserTest {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern LINK = Pattern.compile("(http://\\S+token=\\S+)");
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final Map<String, Running> EMULATORS = new HashMap<>();
    private static HeadlessChromium browser;

    private record Running(CognitoEmulator emulator, Seeded seeded, String secret) {}

    private record User(String username, String email, String phone, String password) {}

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopAll() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            EMULATORS.values().forEach(r -> r.emulator().close());
            EMULATORS.clear();
        }
    }

    @AfterEach
    void backToOneTab() {
        List<String> handles = new ArrayList<>(browser.driver.getWindowHandles());
        for (int i = 1; i < handles.size(); i++) {
            browser.driver.switchTo().window(handles.get(i)).close();
        }
        browser.driver.switchTo().window(handles.get(0));
    }

    /** One emulator per distinct policy and environment, shared by the tests that use the same. */
    private static Running emulator(String policy, String... environment) {
        String key = policy + " " + String.join(" ", environment);
        return EMULATORS.computeIfAbsent(key, k -> {
            byte[] key32 = new byte[32];
            new SecureRandom().nextBytes(key32);
            String secret = Base64.getEncoder().encodeToString(key32);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("STEPWISE_POLICY", policy);
            env.put("STEPWISE_SECRET", secret);
            env.put("STEPWISE_TOTP_SETUP", "on");
            for (String pair : environment) {
                env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            CognitoEmulator emulator = CognitoEmulator.builder()
                    .bundledTriggers(env)
                    .webPage(true)
                    .functionLog(line -> {})
                    .start();
            return new Running(emulator, emulator.seed(), secret);
        });
    }

    /** A new confirmed user with a verified email and phone number, so that tests never share lockout or TOTP. */
    private static User newUser(Running running, String password) {
        int n = USERS.incrementAndGet();
        User user = new User("user" + n, "user" + n + "@example.com", String.format("+1555555%04d", n), password);
        try (CognitoIdentityProviderClient cognito = cognito(running)) {
            cognito.adminCreateUser(r -> r.userPoolId(running.seeded().userPoolId())
                    .username(user.username())
                    .messageAction("SUPPRESS")
                    .userAttributes(
                            attribute("email", user.email()),
                            attribute("email_verified", "true"),
                            attribute("phone_number", user.phone()),
                            attribute("phone_number_verified", "true")));
            if (password != null) {
                cognito.adminSetUserPassword(r -> r.userPoolId(running.seeded().userPoolId())
                        .username(user.username())
                        .password(password)
                        .permanent(true));
            }
        }
        return user;
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static CognitoIdentityProviderClient cognito(Running running) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(running.emulator().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static String emailedCode(Running running, User user, int nth) {
        return browser.await(() -> "email " + nth + " to " + user.email(), () -> {
            List<SentEmail> emails = running.emulator().mailbox().emailsTo(user.email());
            if (emails.size() < nth) {
                return null;
            }
            Matcher m = SIX_DIGITS.matcher(emails.get(nth - 1).textBody());
            return m.find() ? m.group(1) : null;
        });
    }

    private static String textedCode(Running running, User user) {
        return browser.await(() -> "a text message to " + user.phone(), () -> {
            List<SentSms> sms = running.emulator().mailbox().smsTo(user.phone());
            if (sms.isEmpty()) {
                return null;
            }
            Matcher m = SIX_DIGITS.matcher(sms.get(sms.size() - 1).message());
            return m.find() ? m.group(1) : null;
        });
    }

    private static String wrong(String code) {
        return code.substring(0, 5) + (code.charAt(5) == '9' ? '0' : (char) (code.charAt(5) + 1));
    }

    private static void startSignIn(Running running, User user) {
        browser.open(running.emulator().webPage().toString());
        browser.awaitHeading("Sign in");
        browser.type("Username", user.username());
        if (user.password() != null) {
            browser.type("Password", user.password());
        }
        browser.click("Sign in");
    }

    private static void answer(String code) {
        browser.type("Code", code);
        browser.click("Continue");
    }

    private static void assertSignedInAs(User user) {
        browser.awaitHeading("Signed in");
        assertThat(browser.text("main")).contains("You are signed in as " + user.username() + ".");
        assertThat(browser.text("table"))
                .contains("cognito:username " + user.username())
                .contains("email " + user.email());
        assertThat(browser.button("Sign out").isDisplayed()).isTrue();
    }

    @Test
    void emailCode_typedFromTheMailbox_signsIn() {
        Running running = emulator("email_code");
        User user = newUser(running, null);

        startSignIn(running, user);
        browser.awaitHeading("Enter the code we emailed you");
        WebElement code = browser.input("Code");
        String autocomplete = code.getAttribute("autocomplete");
        String inputmode = code.getAttribute("inputmode");
        String page = browser.text("main");
        String countdown = browser.text("#countdown");
        answer(emailedCode(running, user, 1));
        assertSignedInAs(user);
        browser.screenshot("email-code");

        assertThat(page).contains("We sent a 6-digit code to u***@e***.com.").contains("3 attempts left.");
        assertThat(countdown).matches("The code expires in 4:[0-5][0-9]\\.");
        assertThat(autocomplete).isEqualTo("one-time-code");
        assertThat(inputmode).isEqualTo("numeric");
    }
}
