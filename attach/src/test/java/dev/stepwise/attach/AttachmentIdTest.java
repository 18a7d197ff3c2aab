package dev.stepwise.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttachmentIdTest {

    @Test
    void parse_ofText_returnsTheSameId() {
        AttachmentId id = new AttachmentId("eu-west-1_AbC", Pools.FOREIGN);

        assertThat(AttachmentId.parse(id.text())).isEqualTo(id);
    }

    @Test
    void parse_ofTextWithNoPreviousTriggers_returnsNone() {
        AttachmentId id = new AttachmentId("eu-west-1_AbC", CustomAuthTriggers.none());

        assertThat(AttachmentId.parse(id.text()).previous().isEmpty()).isTrue();
    }

    @Test
    void parse_ofPartialTriggers_keepsWhichOnesWereSet() {
        CustomAuthTriggers partial = new CustomAuthTriggers(null, Pools.FOREIGN.create(), "");
        AttachmentId id = new AttachmentId("eu-west-1_AbC", partial);

        assertThat(AttachmentId.parse(id.text()).previous())
                .isEqualTo(new CustomAuthTriggers(null, Pools.FOREIGN.create(), null));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "AWSCDK::CustomResourceProviderFramework::CREATE_FAILED",
                "stepwise:eu-west-1_AbC:!!!",
                "stepwise::Cgo",
                "other:eu-west-1_AbC:Cgo"
            })
    void parse_ofForeignText_returnsNull(String text) {
        assertThat(AttachmentId.parse(text)).isNull();
    }

    @Test
    void text_withVeryLongArns_failsWithAClearMessage() {
        String longArn = Pools.ACCOUNT_ARN + "x".repeat(400);
        AttachmentId id = new AttachmentId("eu-west-1_AbC", new CustomAuthTriggers(longArn, longArn, longArn));

        assertThatThrownBy(id::text)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("too long")
                .hasMessageContaining("eu-west-1_AbC");
    }
}
