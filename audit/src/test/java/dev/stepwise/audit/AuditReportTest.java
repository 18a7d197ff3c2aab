package dev.stepwise.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuditReportTest {

    private static Finding finding(Severity severity, String check) {
        return new Finding(severity, check, "pool", "a \"quoted\"\nproblem", "fix it");
    }

    @Test
    void findings_always_sortMostSeriousFirst() {
        AuditReport report = new AuditReport(
                "eu-west-1_Abc", List.of(finding(Severity.LOW, "low"), finding(Severity.BYPASS, "bypass")));

        assertThat(report.findings()).extracting(Finding::check).containsExactly("bypass", "low");
        assertThat(report.hasBypass()).isTrue();
    }

    @Test
    void hasBypass_withoutBypassFinding_isFalse() {
        assertThat(new AuditReport("eu-west-1_Abc", List.of(finding(Severity.HIGH, "high"))).hasBypass())
                .isFalse();
    }

    @Test
    void toJson_escapesQuotesAndNewlines() {
        String json = new AuditReport("eu-west-1_Abc", List.of(finding(Severity.HIGH, "high"))).toJson();

        assertThat(json)
                .isEqualTo("{\"userPoolId\":\"eu-west-1_Abc\",\"bypass\":false,\"findings\":[{\"severity\":\"HIGH\","
                        + "\"check\":\"high\",\"subject\":\"pool\",\"problem\":\"a \\\"quoted\\\"\\nproblem\","
                        + "\"fix\":\"fix it\"}]}");
    }

    @Test
    void summary_longerThanTheLimit_isCut() {
        AuditReport report = new AuditReport(
                "eu-west-1_Abc", List.of(finding(Severity.BYPASS, "client-password-flow"), finding(Severity.LOW, "x")));

        assertThat(report.summary(1000)).isEqualTo("2 finding(s); BYPASS client-password-flow [pool]; LOW x [pool]");
        assertThat(report.summary(20)).hasSize(20).endsWith("...");
        assertThat(new AuditReport("eu-west-1_Abc", List.of()).summary(100)).isEqualTo("no findings");
    }
}
