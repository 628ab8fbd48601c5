package ca.hotlinetrends.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What {@code published/<release>/certificate.json} says about how a release was protected: the table
 * protection rules and their effect, the attacker audit and, when the release had one, the anonymisation of
 * record-level extracts. Only the release and the minimum cell count are required (every chart's source line
 * states it); a missing section or number is rendered as "not part of this release". Immutable.
 *
 * @param release the release quarter, e.g. 2026Q3
 * @param tableProtection the table protection section
 * @param audit the audit section, when present
 * @param anonymization the anonymisation section, when present
 * @param revisedPeriods the periods this release revises (late records), as period codes such as 2025Q2; empty when
 *     none (or the certificate predates revisions)
 */
public record ReleaseCertificate(
        String release,
        TableProtection tableProtection,
        Optional<Audit> audit,
        Optional<Anonymization> anonymization,
        java.util.List<String> revisedPeriods) {

    /** The file name inside the release folder. */
    public static final String FILE = CertificateBuilder.FILE;

    /**
     * @param minCellCount the smallest count published as such (counts from 1 to minCellCount - 1 are suppressed)
     * @param protectionWidth the width of the range an attacker must be left with for each suppressed cell
     * @param suppressedCells cells suppressed (x), whatever the reason (a release never says which is which)
     * @param suppressedCellShare share of cells suppressed, in [0, 1]
     * @param cells cells in the protected tables
     */
    public record TableProtection(
            int minCellCount,
            OptionalLong protectionWidth,
            OptionalLong suppressedCells,
            OptionalDouble suppressedCellShare,
            OptionalLong cells) {
        public TableProtection {
            if (minCellCount < 1) {
                throw new IllegalArgumentException(
                        "min_cell_count must be at least 1. Provided value: " + minCellCount);
            }
        }
    }

    /**
     * @param passed whether the attacker audit passed
     * @param narrowestFeasibleRange the narrowest range the audit found for a suppressed cell; empty when unbounded
     * @param linearProgramsSolved how many linear programs the audit solved
     */
    public record Audit(boolean passed, OptionalDouble narrowestFeasibleRange, OptionalLong linearProgramsSolved) {}

    /** @param k the k of k-anonymity the record-level extract satisfies */
    public record Anonymization(int k) {
        public Anonymization {
            if (k < 2) {
                throw new IllegalArgumentException("anonymization k must be at least 2. Provided value: " + k);
            }
        }
    }

    public ReleaseCertificate {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(tableProtection, "tableProtection");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(anonymization, "anonymization");
        revisedPeriods = java.util.List.copyOf(revisedPeriods);
    }

    /** A certificate without revisions. */
    public ReleaseCertificate(
            String release,
            TableProtection tableProtection,
            Optional<Audit> audit,
            Optional<Anonymization> anonymization) {
        this(release, tableProtection, audit, anonymization, java.util.List.of());
    }

    /**
     * Reads {@code <releaseDir>/certificate.json}.
     *
     * @throws CertificateException when it is not a certificate (no release, no minimum cell count, a malformed
     *     section)
     * @throws UncheckedIOException when it cannot be read
     */
    public static ReleaseCertificate read(Path releaseDir) {
        Path file = releaseDir.resolve(FILE);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CertificateException(file + " is not JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the certificate " + file, e);
        }
        return parse(root, file.toString());
    }

    /** Reads a release's certificate when the release folder has one (a release being staged may not yet). */
    public static Optional<ReleaseCertificate> readIfPresent(Path releaseDir) {
        return Files.isRegularFile(releaseDir.resolve(FILE)) ? Optional.of(read(releaseDir)) : Optional.empty();
    }

    /** Reads a certificate document; {@code source} names it in error messages. */
    public static ReleaseCertificate parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new CertificateException(source + " is not a JSON object");
        }
        JsonNode release = root.get(CertificateBuilder.RELEASE);
        if (release == null || !release.isTextual()) {
            throw new CertificateException(source + " has no release");
        }
        JsonNode tp = root.get(CertificateBuilder.TABLE_PROTECTION);
        if (tp == null
                || !tp.isObject()
                || !tp.path(CertificateBuilder.MIN_CELL_COUNT).canConvertToInt()
                || !tp.path(CertificateBuilder.MIN_CELL_COUNT).isNumber()) {
            throw new CertificateException(source + " has no table_protection.min_cell_count");
        }
        TableProtection protection = new TableProtection(
                tp.get(CertificateBuilder.MIN_CELL_COUNT).asInt(),
                longOf(tp, CertificateBuilder.PROTECTION_WIDTH),
                longOf(tp, CertificateBuilder.SUPPRESSED_CELLS),
                doubleOf(tp, CertificateBuilder.SUPPRESSED_CELL_SHARE),
                longOf(tp, CertificateBuilder.CELLS));
        Optional<Audit> audit = Optional.empty();
        JsonNode a = root.get(CertificateBuilder.AUDIT);
        if (a != null && a.isObject() && a.path(CertificateBuilder.PASSED).isBoolean()) {
            JsonNode range = a.get(CertificateBuilder.NARROWEST_FEASIBLE_RANGE);
            OptionalDouble narrowest =
                    range != null && range.isNumber() ? OptionalDouble.of(range.asDouble()) : OptionalDouble.empty();
            if (range != null && !range.isNumber() && !CertificateBuilder.UNBOUNDED.equals(range.asText())) {
                throw new CertificateException(
                        source + ": audit.narrowest_feasible_range must be a number or \"unbounded\"");
            }
            audit = Optional.of(new Audit(
                    a.get(CertificateBuilder.PASSED).asBoolean(),
                    narrowest,
                    longOf(a, CertificateBuilder.LINEAR_PROGRAMS_SOLVED)));
        }
        Optional<Anonymization> anonymization = Optional.empty();
        JsonNode an = root.get(CertificateBuilder.ANONYMIZATION);
        if (an != null && an.isObject() && an.path(CertificateBuilder.K).isIntegralNumber()) {
            anonymization =
                    Optional.of(new Anonymization(an.get(CertificateBuilder.K).asInt()));
        }
        java.util.List<String> revised = new java.util.ArrayList<>();
        JsonNode periods = root.path(CertificateBuilder.REVISIONS).path(CertificateBuilder.PERIODS);
        if (!periods.isMissingNode() && !periods.isArray()) {
            throw new CertificateException(source + ": revisions.periods must be a list of period codes");
        }
        periods.forEach(p -> revised.add(p.asText()));
        return new ReleaseCertificate(release.asText(), protection, audit, anonymization, revised);
    }

    private static OptionalLong longOf(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n != null && n.isIntegralNumber() ? OptionalLong.of(n.asLong()) : OptionalLong.empty();
    }

    private static OptionalDouble doubleOf(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n != null && n.isNumber() ? OptionalDouble.of(n.asDouble()) : OptionalDouble.empty();
    }
}
