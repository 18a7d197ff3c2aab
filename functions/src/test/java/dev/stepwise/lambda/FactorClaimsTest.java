package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.MetadataSeal;
import dev.stepwise.core.Round;
import dev.stepwise.core.SignInContext;
import dev.stepwise.core.SignInFacts;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.core.UserProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FactorClaimsTest {
    @Test
    void signInFacts_everyGenuineSignInWithTokens_amrOfItsPolicy() {
        GenuineSignIns recorded = new GenuineSignIns();
        MetadataSeal seal = new MetadataSeal(StepwiseKeys.fromBase64(HandlerRig.SECRET));
        Map<String, TreeSet<String>> amrByClient = new TreeMap<>();

        for (GenuineSignIns.SignIn signIn : recorded.signIns) {
            if (!signIn.outcome().equals("tokens")) {
                continue;
            }
            List<Round> rounds = signIn.rounds().stream()
                    .map(r -> new Round(r.challengeName(), r.passed(), r.metadata()))
                    .toList();
            SignInContext context = new SignInContext(
                    signIn.identity().pool(),
                    signIn.identity().user(),
                    signIn.client(),
                    UserProfile.NONE,
                    rounds,
                    false);
            String amr = String.join(
                    " ", SignInFacts.of(context, seal).mark(Instant.EPOCH).amr());
            amrByClient.computeIfAbsent(signIn.client(), c -> new TreeSet<>()).add(amr);
        }

        assertThat(amrByClient)
                .containsEntry("email", new TreeSet<>(List.of("otp")))
                .containsEntry("sms", new TreeSet<>(List.of("sms")))
                .containsEntry("pw", new TreeSet<>(List.of("pwd otp mfa")))
                .containsEntry("totp", new TreeSet<>(List.of("otp mfa")))
                .containsEntry("choice", new TreeSet<>(List.of("otp", "sms")))
                .containsEntry("backup", new TreeSet<>(List.of("otp mfa")))
                .containsEntry("mfa", new TreeSet<>(List.of("otp mfa")))
                .containsEntry("link", new TreeSet<>(List.of("otp")));
        assertThat(amrByClient.keySet().stream().collect(Collectors.toSet()))
                .containsAll(List.of("email", "sms", "pw", "totp", "choice", "backup", "mfa", "link"));
    }
}
