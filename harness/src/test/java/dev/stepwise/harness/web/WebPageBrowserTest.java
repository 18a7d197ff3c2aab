package dev.stepwise.harness.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.BackupCodes;
import dev.stepwise.core.Base32;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.core.Totp;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInFlow;
import dev.stepwise.harness.client.SignInStep;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SenderFault;
import dev.stepwise.harness.emulator.SenderFaults;
import dev.stepwise.harness.emulator.SentEmail;
import dev.stepwise.harness.emulator.SentSms;
import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.harness.junit.TestClock;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Tag("slow")
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

    /**
     * One emulator per distinct policy and environment, shared by the tests that use the same (each with a user of its
     * own), since a page sign-in is slow to set up; {@code @StepwiseEmulator} gives an emulator per class or per test,
     * and is used for the tests that need the emulator to themselves (a failing sender, a moved clock).
     */
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

    /** Starts signing in on the page and waits for the step that asks for the emailed code. */
    private static void signInUpToEmailedCode(Running running, User user) {
        startSignIn(running, user);
        browser.awaitHeading("Enter the code we emailed you");
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

        signInUpToEmailedCode(running, user);
        WebElement code = browser.input("Code");
        String autocomplete = code.getAttribute("autocomplete");
        String inputmode = code.getAttribute("inputmode");
        String page = browser.text("main");
        String countdown = browser.text("#countdown");
        String later = browser.await(() -> "the countdown to move on from " + countdown, () -> {
            String now = browser.text("#countdown");
            return now.equals(countdown) ? null : now;
        });
        answer(emailedCode(running, user, 1));
        assertSignedInAs(user);
        browser.screenshot("email-code");

        assertThat(page).contains("We sent a 6-digit code to u***@e***.com.").contains("3 attempts left.");
        assertThat(List.of(countdown, later)).allMatch(t -> t.matches("The code expires in (5:00|4:[0-5][0-9])\\."));
        assertThat(autocomplete).isEqualTo("one-time-code");
        assertThat(inputmode).isEqualTo("numeric");
    }

    @Test
    void smsCode_typedFromTheTextMessage_signsIn() {
        Running running = emulator("phone_code");
        User user = newUser(running, null);

        startSignIn(running, user);
        browser.awaitHeading("Enter the code we texted you");
        String page = browser.text("main");
        answer(textedCode(running, user));
        assertSignedInAs(user);
        browser.screenshot("sms-code");

        assertThat(page)
                .contains("We sent a 6-digit code to +*******" + user.phone().substring(8) + ".");
    }

    @Test
    void choice_smsCodeChosen_signsInWithTheTextedCode() {
        Running running = emulator("email_code | phone_code");
        User user = newUser(running, null);

        startSignIn(running, user);
        browser.awaitHeading("Choose how to sign in");
        List<String> options = browser.driver.findElements(By.cssSelector(".options button")).stream()
                .map(WebElement::getText)
                .toList();
        browser.screenshot("choice");
        browser.click("SMS code");
        browser.awaitHeading("Enter the code we texted you");
        answer(textedCode(running, user));
        assertSignedInAs(user);
        browser.screenshot("choice-sms-code");

        assertThat(options).containsExactly("Email code", "SMS code");
        assertThat(running.emulator().mailbox().emailsTo(user.email())).isEmpty();
    }

    @Test
    void totpSetUp_secretReadFromThePage_signsIn() {
        Running running = emulator("email_code > totp");
        User user = newUser(running, null);

        signInUpToEmailedCode(running, user);
        answer(emailedCode(running, user, 1));
        browser.awaitHeading("Set up your authenticator app");
        WebElement qr = browser.driver.findElement(By.cssSelector("img.qr"));
        Long qrWidth = (Long) ((JavascriptExecutor) browser.driver)
                .executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", qr);
        String qrName = qr.getAttribute("alt");
        String secret = browser.text("#totp-secret").replace(" ", "");
        browser.screenshot("totp-set-up");
        answer(Totp.code(Base32.decode(secret), Instant.now()));
        assertSignedInAs(user);
        browser.screenshot("totp-set-up-signed-in");

        assertThat(secret).matches("[A-Z2-7]{16,}");
        assertThat(qrWidth).isGreaterThan(100L);
        assertThat(qrName).isEqualTo("QR code that adds this account to an authenticator app");
    }

    @Test
    void totpSignIn_enrolledUser_signsInWithTheAppsCode() {
        Running running = emulator("email_code > totp", "STEPWISE_SEND_COOLDOWN_SECONDS=0");
        User user = newUser(running, null);
        byte[] secret = enrolTotp(running, user);

        signInUpToEmailedCode(running, user);
        // Email 2 told the user of the authenticator enrolled during the earlier sign-in.
        answer(emailedCode(running, user, 3));
        browser.awaitHeading("Enter the code from your authenticator app");
        String page = browser.text("main");
        // The set-up used this time step's code, and a code works once per time step: take the next step's.
        answer(Totp.code(secret, Instant.now().plus(Totp.STEP)));
        assertSignedInAs(user);
        browser.screenshot("totp-sign-in");

        assertThat(page).contains("Open your authenticator app and type the current 6-digit code");
    }

    /** Enrols the user's authenticator through the sign-in client, as an earlier sign-in would have. */
    private static byte[] enrolTotp(Running running, User user) {
        try (SignInClient client = SignInClient.builder()
                .endpoint(running.emulator().endpoint())
                .region("us-east-1")
                .userPoolId(running.seeded().userPoolId())
                .clientId(running.seeded().clientId())
                .build()) {
            NextStep.Challenge email =
                    (NextStep.Challenge) client.start(SignInFlow.CUSTOM_WITHOUT_SRP, user.username(), null);
            String code = CodeReader.of(HttpMailbox.at(running.emulator().endpoint(), "us-east-1"))
                    .awaitCode(email, Duration.ofSeconds(10));
            NextStep.Challenge setUp = (NextStep.Challenge) client.answer(email, code);
            assertThat(setUp.step()).isEqualTo(SignInStep.CONTINUE_SIGN_IN_WITH_TOTP_SETUP);
            Matcher m = Pattern.compile("[?&]secret=([A-Z2-7]+)").matcher(setUp.otpauthUri());
            assertThat(m.find()).isTrue();
            byte[] secret = Base32.decode(m.group(1));
            assertThat(client.answer(setUp, Totp.code(secret, Instant.now()))).isInstanceOf(NextStep.Done.class);
            return secret;
        }
    }

    @Test
    void backupCode_oneOfTheSavedCodes_signsIn() {
        Running running = emulator("email_code > backup_code");
        User user = newUser(running, null);
        List<String> codes = backupCodes(running, user, 3);

        signInUpToEmailedCode(running, user);
        answer(emailedCode(running, user, 1));
        browser.awaitHeading("Enter a backup code");
        String page = browser.text("main");
        String inputmode = browser.input("Code").getAttribute("inputmode");
        answer(codes.get(0));
        assertSignedInAs(user);
        browser.screenshot("backup-code");

        assertThat(page).contains("Type one of the backup codes you saved. Each works once. You have 3 left.");
        assertThat(inputmode).isEqualTo("text");
    }

    private static List<String> backupCodes(Running running, User user, int count) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(running.emulator().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            return new BackupCodes(
                            new DynamoDbStateStore(dynamo, "stepwise-state"),
                            StepwiseKeys.fromBase64(running.secret()),
                            new SecureRandom())
                    .generate(running.seeded().userPoolId(), user.username(), count, Instant.now());
        }
    }

    @Test
    void emailLink_openedFromTheMailboxInAnotherTab_signsInBothTabs() {
        Running running = emulator("email_link");
        User user = newUser(running, null);

        startSignIn(running, user);
        browser.awaitHeading("Check your email");
        String waiting = browser.text("main");
        browser.screenshot("email-link-check-your-email");
        String firstTab = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.driver.get(
                running.emulator().endpoint().resolve("/_stepwise/mailbox").toString());
        String link = browser.await(() -> "the link in the mailbox view", () -> {
                    browser.driver.navigate().refresh();
                    List<WebElement> links = browser.driver.findElements(By.partialLinkText("token="));
                    return links.isEmpty() ? null : links.get(0);
                })
                .getText();
        browser.screenshot("mailbox-view");
        browser.driver.findElement(By.partialLinkText("token=")).click();
        assertSignedInAs(user);
        browser.screenshot("email-link-landing");
        browser.driver.switchTo().window(firstTab);
        assertSignedInAs(user);
        browser.screenshot("email-link");

        assertThat(waiting).contains("We sent a sign-in link to u***@e***.com.");
        assertThat(link).startsWith(running.emulator().endpoint() + "/sign-in/link?token=");
    }

    @Test
    void emailLink_openedInTheTabThatStartedTheSignIn_signsIn() {
        Running running = emulator("email_link");
        User user = newUser(running, null);

        startSignIn(running, user);
        browser.awaitHeading("Check your email");
        browser.driver.get(linkSentTo(running, user));
        assertSignedInAs(user);
        browser.screenshot("email-link-same-tab");

        assertThat(browser.driver.getCurrentUrl()).doesNotContain("token=");
    }

    private static String linkSentTo(Running running, User user) {
        return browser.await(() -> "the link email to " + user.email(), () -> {
            List<SentEmail> emails = running.emulator().mailbox().emailsTo(user.email());
            Matcher m = emails.isEmpty() ? null : LINK.matcher(emails.get(0).textBody());
            return m != null && m.find() ? m.group(1) : null;
        });
    }

    @Test
    void emailLink_openedWhereNoSignInWaits_saysToOpenItInTheFirstBrowser() {
        Running running = emulator("email_link");
        User user = newUser(running, null);

        startSignIn(running, user);
        browser.awaitHeading("Check your email");
        String link = linkSentTo(running, user);
        browser.open(running.emulator().webPage().toString());
        browser.driver.get(link);
        String alert = browser.awaitAlert();
        browser.screenshot("email-link-other-browser");

        assertThat(alert).startsWith("This link works only in the browser where you started signing in.");
        assertThat(browser.input("Username").isDisplayed()).isTrue();
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("token=");
    }

    @Test
    void passwordThenEmailCode_signsIn() {
        Running running = emulator("password > email_code");
        User user = newUser(running, "Pw-" + USERS.get() + "-correct-horse!");

        browser.open(running.emulator().webPage().toString());
        browser.awaitHeading("Sign in");
        browser.screenshot("password-start");
        signInUpToEmailedCode(running, user);
        answer(emailedCode(running, user, 1));
        assertSignedInAs(user);
        browser.screenshot("password-then-email-code");
    }

    @Test
    void wrongPassword_saysSoWithoutSendingACode() {
        Running running = emulator("password > email_code");
        User user = newUser(running, "Pw-" + USERS.get() + "-correct-horse!");

        startSignIn(running, new User(user.username(), user.email(), user.phone(), "not-the-password"));
        String alert = browser.awaitAlert();
        browser.screenshot("wrong-password");

        assertThat(alert)
                .isEqualTo("Sign-in failed: the username, password or answer was not right. Check them and sign in"
                        + " again.");
        assertThat(running.emulator().mailbox().emailsTo(user.email())).isEmpty();
    }

    @Test
    void wrongCodeThenRightOne_countsTheAttemptAndSignsIn() {
        Running running = emulator("email_code");
        User user = newUser(running, null);

        signInUpToEmailedCode(running, user);
        String code = emailedCode(running, user, 1);
        answer(wrong(code));
        String alert = browser.awaitAlert();
        String attempts = browser.text("#attempts");
        browser.screenshot("wrong-code");
        answer(code);
        assertSignedInAs(user);
        browser.screenshot("wrong-code-then-right");

        assertThat(alert).isEqualTo("That code was not right. 2 attempts left.");
        assertThat(attempts).isEqualTo("2 attempts left.");
    }

    @Test
    void attemptsUsedUp_sendsThePersonBackToStartAgain() {
        Running running = emulator("email_code", "STEPWISE_MAX_ATTEMPTS=2");
        User user = newUser(running, null);

        signInUpToEmailedCode(running, user);
        String code = emailedCode(running, user, 1);
        answer(wrong(code));
        browser.awaitAlert();
        answer(wrong(code));
        browser.awaitHeading("Sign in");
        String alert = browser.awaitAlert();
        String username = browser.input("Username").getAttribute("value");
        browser.screenshot("attempts-used-up");

        assertThat(alert)
                .isEqualTo("That code was not right, and it was the last attempt. Sign in again to get a new one.");
        assertThat(username).isEqualTo(user.username());
    }

    @Test
    void lockout_saysWhenToTryAgain() {
        Running running = emulator("email_code", "STEPWISE_LOCKOUT_MAX_FAILURES=2", "STEPWISE_SEND_COOLDOWN_SECONDS=0");
        User user = newUser(running, null);

        signInUpToEmailedCode(running, user);
        String code = emailedCode(running, user, 1);
        answer(wrong(code));
        browser.awaitAlert();
        answer(wrong(code));
        String first = browser.awaitAlert();
        ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('alert').textContent = '';");
        browser.click("Sign in");
        String again = browser.awaitAlert();
        browser.screenshot("lockout");

        assertThat(first).isEqualTo("Too many failed sign-in attempts. Try again in 15 minutes.");
        assertThat(again).isEqualTo(first);
        assertThat(running.emulator().mailbox().emailsTo(user.email())).hasSize(1);
    }

    @Test
    void secondStepChoice_backupCodeChosen_signsIn() {
        Running running = emulator("email_code > totp | backup_code", "STEPWISE_SEND_COOLDOWN_SECONDS=0");
        User user = newUser(running, null);
        enrolTotp(running, user);
        List<String> codes = backupCodes(running, user, 2);

        signInUpToEmailedCode(running, user);
        // Email 2 told the user of the authenticator enrolled during the earlier sign-in.
        answer(emailedCode(running, user, 3));
        browser.awaitHeading("Choose a second step");
        List<String> options = browser.driver.findElements(By.cssSelector(".options button")).stream()
                .map(WebElement::getText)
                .toList();
        browser.click("Backup code");
        browser.awaitHeading("Enter a backup code");
        answer(codes.get(1));
        assertSignedInAs(user);
        browser.screenshot("second-step-choice");

        assertThat(options).containsExactly("Authenticator app", "Backup code");
    }

    @Test
    @StepwiseEmulator(environment = "STEPWISE_TOTP_SETUP=on", webPage = true)
    void sendFailure_saysToTryAgainInAMinute(CognitoEmulator emulator, Seeded seeded, SenderFaults faults) {
        Running running = new Running(emulator, seeded, null);
        User user = newUser(running, null);
        faults.add(SenderFault.error(SenderFault.Service.SES));

        startSignIn(running, user);
        String alert = browser.awaitAlert();
        browser.screenshot("send-failure");

        assertThat(alert).isEqualTo("We could not send your code just now. Try again in a minute.");
        assertThat(browser.input("Username").getAttribute("value")).isEqualTo(user.username());
    }

    @Test
    @StepwiseEmulator(environment = "STEPWISE_TOTP_SETUP=on", webPage = true, clock = StepwiseEmulator.NOW)
    void expiredSession_saysToSignInAgain(CognitoEmulator emulator, Seeded seeded, TestClock clock) {
        Running running = new Running(emulator, seeded, null);
        User user = newUser(running, null);

        signInUpToEmailedCode(running, user);
        String code = emailedCode(running, user, 1);
        clock.advance(Duration.ofMinutes(4));
        answer(code);
        browser.awaitHeading("Sign in");
        String alert = browser.awaitAlert();
        browser.screenshot("expired-session");

        assertThat(alert).isEqualTo("This sign-in took too long and has expired. Sign in again.");
    }
}
