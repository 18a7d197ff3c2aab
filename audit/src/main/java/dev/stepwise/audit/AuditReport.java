package dev.stepwise.audit;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the audit found in one user pool, most serious first.
 *
 * @param userPoolId the pool
 * @param findings the findings, sorted by severity
 */
public record AuditReport(String userPoolId, List<Finding> findings) {

    /** Sorts and copies the findings. */
    public AuditReport {
        Objects.requireNonNull(userPoolId, "userPoolId");
        findings = findings.stream()
                .sorted(Comparator.comparing(Finding::severity))
                .toList();
    }

    /** Whether some finding is a way to tokens around the triggers. */
    public boolean hasBypass() {
        return findings.stream().anyMatch(finding -> finding.severity() == Severity.BYPASS);
    }

    /** The findings of one check. */
    public List<Finding> of(String check) {
        return findings.stream().filter(f -> f.check().equals(check)).toList();
    }

    /** The report as one JSON object: {@code userPoolId}, {@code bypass} and {@code findings}. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{\"userPoolId\":")
                .append(quote(userPoolId))
                .append(",\"bypass\":")
                .append(hasBypass())
                .append(",\"findings\":[");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"severity\":")
                    .append(quote(f.severity().name()))
                    .append(",\"check\":")
                    .append(quote(f.check()))
                    .append(",\"subject\":")
                    .append(quote(f.subject()))
                    .append(",\"problem\":")
                    .append(quote(f.problem()))
                    .append(",\"fix\":")
                    .append(quote(f.fix()))
                    .append('}');
        }
        return json.append("]}").toString();
    }

    /**
     * A short summary, for a CloudFormation output: the count, then severity, check and subject of each finding, cut
     * at {@code maxLength} characters.
     */
    public String summary(int maxLength) {
        if (findings.isEmpty()) {
            return "no findings";
        }
        StringBuilder text = new StringBuilder(findings.size() + " finding(s)");
        for (Finding f : findings) {
            text.append("; ")
                    .append(f.severity())
                    .append(' ')
                    .append(f.check())
                    .append(" [")
                    .append(f.subject())
                    .append(']');
        }
        return text.length() <= maxLength ? text.toString() : text.substring(0, Math.max(0, maxLength - 3)) + "...";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
