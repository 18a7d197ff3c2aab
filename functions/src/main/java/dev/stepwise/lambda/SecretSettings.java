package dev.stepwise.lambda;

import dev.stepwise.core.AesGcmSecretBox;
import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.SecretBox;
import dev.stepwise.core.StepwiseKeys;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The secret settings: where the Stepwise secret comes from ({@code STEPWISE_SECRET} or {@code STEPWISE_SECRET_ARN}),
 * the KMS key that seals TOTP secrets, and what opens those sealed before KMS.
 */
final class SecretSettings {
    private SecretSettings() {}

    static final SecretBox REFUSE_LEGACY = new SecretBox() {
        @Override
        public String seal(byte[] plaintext, String context) {
            throw new IllegalStateException("new TOTP secrets are sealed by KMS");
        }

        @Override
        public byte[] open(String sealed, String context) {
            throw new IllegalArgumentException("a TOTP secret sealed before KMS was turned on is refused"
                    + " (STEPWISE_LEGACY_TOTP_SECRETS=refuse): the user enrols again");
        }
    };

    /** Checks that exactly one of the secret and its ARN is set, and the ARN's form; returns the ARN or {@code null}. */
    static String secretArn(Map<String, String> environment, String secret) {
        String arn = FunctionSetting.STEPWISE_SECRET_ARN.read(environment);
        if (arn != null && secret != null) {
            throw new ConfigurationException("both STEPWISE_SECRET_ARN and STEPWISE_SECRET are set: deployed functions"
                    + " read the secret from Secrets Manager (STEPWISE_SECRET_ARN) and must not carry it in their"
                    + " environment; remove STEPWISE_SECRET");
        }
        if (arn == null && secret == null) {
            throw new ConfigurationException("STEPWISE_SECRET_ARN is not set: set it to the ARN of the Secrets Manager"
                    + " secret that holds the Stepwise secret (the CDK app does), or, locally, set STEPWISE_SECRET to"
                    + " base64 of at least 32 random bytes, e.g. the output of `openssl rand -base64 32`");
        }
        if (arn != null && !arn.matches("arn:aws[\\w-]*:secretsmanager:[\\w-]+:\\d{12}:secret:[\\w/+=.@-]{1,512}")) {
            throw new ConfigurationException("STEPWISE_SECRET_ARN \"" + arn + "\" is not a Secrets Manager secret ARN:"
                    + " set it to e.g. arn:aws:secretsmanager:us-east-1:123456789012:secret:stepwise-AbCdEf");
        }
        return arn;
    }

    /** The KMS key reference, checked, or {@code null}; refusing legacy TOTP secrets needs one. */
    static String kmsKeyId(Map<String, String> environment, boolean refuseLegacyTotp) {
        String keyId = FunctionSetting.STEPWISE_KMS_KEY_ID.read(environment);
        if (keyId == null && refuseLegacyTotp) {
            throw new ConfigurationException("STEPWISE_LEGACY_TOTP_SECRETS=refuse refuses TOTP secrets sealed with the"
                    + " Stepwise secret, but STEPWISE_KMS_KEY_ID is not set, so every TOTP secret is sealed that way:"
                    + " set STEPWISE_KMS_KEY_ID, or STEPWISE_LEGACY_TOTP_SECRETS=accept");
        }
        if (keyId != null && !keyId.matches("[a-zA-Z0-9:/_+=,.@-]{1,2048}")) {
            throw new ConfigurationException("STEPWISE_KMS_KEY_ID \"" + keyId + "\" is not a KMS key reference: set it"
                    + " to a key id, key ARN, alias name (alias/...) or alias ARN, or remove it to encrypt with"
                    + " STEPWISE_SECRET");
        }
        return keyId;
    }

    /**
     * What seals TOTP secrets without KMS, and opens those sealed before KMS was turned on: AES-GCM under a key derived
     * from the Stepwise secret, or, when legacy secrets are refused, a box that opens nothing.
     */
    static SecretBox local(StepwiseKeys keys, boolean refuseLegacyTotp) {
        return refuseLegacyTotp ? REFUSE_LEGACY : new AesGcmSecretBox(keys, new SecureRandom());
    }
}
