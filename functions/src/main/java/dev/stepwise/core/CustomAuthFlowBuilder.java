package dev.stepwise.core;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link CustomAuthFlow}. Setters are named like what they set; {@link #policies}, {@link #keys} and
 * {@link #templates} are required, the rest have defaults. Not thread-safe; the flow it builds is.
 */
public final class CustomAuthFlowBuilder {
    PolicySet policies;
    StepwiseKeys keys;
    CodeGenerator codes;
    MessageTemplates templates;
    Map<DeliveryMedium, CodeDelivery> deliveries = Map.of();
    Sleeper sleeper = Sleeper.system();
    StateStore state;
    SecretBox secrets;
    FactorSettings factorSettings = FactorSettings.DEFAULT;
    AbuseLimits abuse = AbuseLimits.OFF;
    final List<FactorHandler> custom = new ArrayList<>();

    CustomAuthFlowBuilder() {}

    /** The sign-in chains, per app client. Required. */
    public CustomAuthFlowBuilder policies(PolicySet policies) {
        this.policies = policies;
        return this;
    }

    /** The keys derived from the Stepwise secret. Required. */
    public CustomAuthFlowBuilder keys(StepwiseKeys keys) {
        this.keys = keys;
        return this;
    }

    /** Where one-time codes come from; default: a {@link CodeGenerator} over a new {@link SecureRandom}. */
    public CustomAuthFlowBuilder codes(CodeGenerator codes) {
        this.codes = codes;
        return this;
    }

    /** The texts of code messages. Required. */
    public CustomAuthFlowBuilder templates(MessageTemplates templates) {
        this.templates = templates;
        return this;
    }

    /** A sender per medium; only the media that the policies use are needed. Default: none (Define, Verify). */
    public CustomAuthFlowBuilder deliveries(Map<DeliveryMedium, CodeDelivery> deliveries) {
        this.deliveries = Map.copyOf(deliveries);
        return this;
    }

    /** How a decoy waits to take as long as a real send; default {@link Sleeper#system()}. */
    public CustomAuthFlowBuilder sleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
        return this;
    }

    /**
     * The state table, needed by selection steps, by factors whose handler needs it, and by the abuse controls;
     * default none.
     */
    public CustomAuthFlowBuilder stateStore(StateStore state) {
        this.state = state;
        return this;
    }

    /** Encrypts secrets at rest (TOTP secrets); default an {@link AesGcmSecretBox} over the keys. */
    public CustomAuthFlowBuilder secrets(SecretBox secrets) {
        this.secrets = secrets;
        return this;
    }

    /** Settings of the built-in TOTP and email-link factors; default {@link FactorSettings#DEFAULT}. */
    public CustomAuthFlowBuilder factorSettings(FactorSettings factorSettings) {
        this.factorSettings = factorSettings;
        return this;
    }

    /**
     * The abuse controls ({@link AbuseGuard}): lockout across sign-ins, send limits, and no second send for a
     * retried Create. Default {@link AbuseLimits#OFF}; when on, a state table is required.
     */
    public CustomAuthFlowBuilder abuseLimits(AbuseLimits abuse) {
        this.abuse = abuse;
        return this;
    }

    /** Factors a team registers beside the built-ins, usable in policies by their ids. Default none. */
    public CustomAuthFlowBuilder factors(List<? extends FactorHandler> factors) {
        this.custom.clear();
        this.custom.addAll(factors);
        return this;
    }

    /**
     * The flow.
     *
     * @throws IllegalArgumentException when a required part is missing
     * @throws ConfigurationException when the abuse controls are on, or a policy needs the state table, and there is
     *     none; when a registered factor's id is malformed or taken; or when a policy uses a factor that nothing
     *     handles
     */
    public CustomAuthFlow build() {
        return new CustomAuthFlow(this);
    }
}
