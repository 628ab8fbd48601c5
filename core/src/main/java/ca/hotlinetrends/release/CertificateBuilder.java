package ca.hotlinetrends.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The one writer of {@code published/<release>/certificate.json}: the rules and parameters a release was protected
 * with, what was suppressed, the audit result, the record-level protection, the ledger version and a SHA-256 of
 * every published file. {@link ReleaseCertificate} is its one reader.
 *
 * <p>Each stage of a run states its own section of the same certificate (the record-level extract its
 * anonymisation, the tables their protection and audit, the reports their commentary): {@link #open} reads what
 * earlier stages wrote, the section methods replace one section each (a section keeps its place in the file), and
 * {@link #write} hashes the release's files and replaces the certificate atomically. Every sentence a certificate
 * carries is written here, so that the rules a release states are said the same way by every job.
 */
public final class CertificateBuilder {

    /** The file name inside the release folder. */
    public static final String FILE = "certificate.json";
    /**
     * The marker a release folder carries once it is complete (its content id); not part of what the certificate
     * hashes, since it names the hashes' outcome.
     */
    public static final String COMPLETE_MARKER = "_RELEASE_COMPLETE";

    static final String RELEASE = "release";
    static final String TABLE_PROTECTION = "table_protection";
    static final String MIN_CELL_COUNT = "min_cell_count";
    static final String PROTECTION_WIDTH = "protection_width";
    static final String CELLS = "cells";
    static final String SUPPRESSED_CELLS = "suppressed_cells";
    static final String SUPPRESSED_CELL_SHARE = "suppressed_cell_share";
    static final String REVISIONS = "revisions";
    static final String PERIODS = "periods";
    static final String AUDIT = "audit";
    static final String PASSED = "passed";
    static final String NARROWEST_FEASIBLE_RANGE = "narrowest_feasible_range";
    static final String UNBOUNDED = "unbounded";
    static final String LINEAR_PROGRAMS_SOLVED = "linear_programs_solved";
    static final String ANONYMIZATION = "anonymization";
    static final String K = "k";
    static final String FILES_SHA256 = "files_sha256";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ObjectNode root;

    private CertificateBuilder(ObjectNode root) {
        this.root = root;
    }

    /**
     * What the tables of a release state about their protection.
     *
     * @param minCellCount counts from 1 to {@code minCellCount - 1} are suppressed
     * @param protectionWidth the narrowest range an attacker may be left with for a suppressed cell
     * @param tables protected tables
     * @param cells cells in them
     * @param relations linear relations the protection and the audit knew (additivity, vintages, records)
     * @param suppressedCells cells published as {@link CellStatus#MARK}, whatever the reason
     */
    public record TableProtection(
            int minCellCount, long protectionWidth, int tables, int cells, int relations, long suppressedCells) {}

    /**
     * What the attacker audit of a release states.
     *
     * @param passed whether every suppressed cell kept the protection width
     * @param narrowestRangeOfAnySuppressedCell the narrowest integer range over every suppressed cell (infinite when
     *     unbounded); recomputable by anyone from the published tables
     * @param recordLevelReleasesLinked record-level releases the audit read
     * @param tablesLinkedToRecordLevelReleases tables the audit linked to them
     */
    public record Audit(
            boolean passed,
            double narrowestRangeOfAnySuppressedCell,
            int recordLevelReleasesLinked,
            int tablesLinkedToRecordLevelReleases) {}

    /**
     * What a record-level extract states about its anonymisation.
     *
     * @param k the k of k-anonymity over the quasi-identifiers
     * @param suppressionLimit the largest share of records suppressed
     * @param metric the information-loss metric the search minimised
     * @param localSuppression whether single values were blanked instead of records removed
     * @param details the file of the extract's full anonymisation report, relative to the release folder
     * @param quasiIdentifiers the columns treated as quasi-identifiers, over every dataset
     * @param recordsPublished records published, by dataset
     */
    public record Anonymization(
            int k,
            double suppressionLimit,
            String metric,
            boolean localSuppression,
            String details,
            Collection<String> quasiIdentifiers,
            Map<String, Long> recordsPublished) {}

    /**
     * A literal number staff notes may state and the reason it is allowed.
     *
     * @param language the notes' language
     * @param value the number as written
     * @param reason why it may be published
     */
    public record AllowedLiteral(String language, String value, String reason) {}

    /** Opens the certificate of a release folder: what earlier stages wrote, or an empty one. */
    public static CertificateBuilder open(Path releaseDir) {
        Path file = releaseDir.resolve(FILE);
        if (!Files.exists(file)) {
            return new CertificateBuilder(JSON.createObjectNode());
        }
        try {
            JsonNode read = JSON.readTree(file.toFile());
            if (!(read instanceof ObjectNode o)) {
                throw new CertificateException(file + " is not a JSON object");
            }
            return new CertificateBuilder(o);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The release the certificate is of, e.g. {@code 2026Q3}. */
    public CertificateBuilder release(String release) {
        root.put(RELEASE, Objects.requireNonNull(release, "release"));
        return this;
    }

    /** The tables' protection rules and their effect. */
    public CertificateBuilder tableProtection(TableProtection p) {
        ObjectNode rules = root.putObject(TABLE_PROTECTION);
        rules.put(MIN_CELL_COUNT, p.minCellCount());
        rules.put(PROTECTION_WIDTH, p.protectionWidth());
        rules.put("primary_rule", "cells from 1 to " + (p.minCellCount() - 1) + " are suppressed; zeros are published");
        rules.put(
                "complementary_suppression",
                "chosen jointly over all linked tables and every earlier release in the ledger");
        rules.put(
                "derived_numbers",
                "rates, changes and trends are published only when every count they use is published");
        rules.put("tables", p.tables());
        rules.put(CELLS, p.cells());
        rules.put("relations", p.relations());
        // Only what the tables show: how many cells read x. Why each is suppressed, and any statistic of the
        // suppressed values, would help an attacker solve for them (they stay in the run's restricted record).
        rules.put(SUPPRESSED_CELLS, p.suppressedCells());
        rules.put(SUPPRESSED_CELL_SHARE, p.cells() == 0 ? 0.0 : (double) p.suppressedCells() / p.cells());
        return this;
    }

    /**
     * The periods this release revises (late or withdrawn records).
     *
     * @param periods period codes such as {@code 2025Q2}, in order
     * @param cellsRevisedAndPublished cells of those periods published with a value
     */
    public CertificateBuilder revisions(Collection<String> periods, int cellsRevisedAndPublished) {
        ObjectNode revisions = root.putObject(REVISIONS);
        revisions.put(
                "rule",
                "a period whose counts changed since an earlier release (late or withdrawn records) is "
                        + "published as a revision: its new counts are protected jointly with the values published before, "
                        + "and the size of each change is protected like a count");
        ArrayNode node = revisions.putArray(PERIODS);
        periods.forEach(node::add);
        revisions.put("cells_revised_and_published", cellsRevisedAndPublished);
        return this;
    }

    /**
     * The attacker audit. No count of the linear programs solved: which vertices the audit visits depends on the
     * true table it starts from, so those counts are not functions of the published values.
     */
    public CertificateBuilder audit(Audit a) {
        ObjectNode audit = root.putObject(AUDIT);
        audit.put(PASSED, a.passed());
        // The narrowest over the small counts alone would tell which cells are small counts.
        if (Double.isFinite(a.narrowestRangeOfAnySuppressedCell())) {
            audit.put(NARROWEST_FEASIBLE_RANGE, (long) a.narrowestRangeOfAnySuppressedCell());
        } else {
            audit.put(NARROWEST_FEASIBLE_RANGE, UNBOUNDED);
        }
        audit.put(
                "narrowest_feasible_range_of",
                "any suppressed cell (integer interval); which suppressed cells are "
                        + "small counts is not published, and every suppressed cell keeps at least the protection width when "
                        + "the audit passes");
        audit.put(
                "attacker_knowledge",
                "every published table of this release and of every earlier release (with "
                        + "any suppression labels earlier releases published), their additivity, non-negativity and "
                        + "integrality, and the record-level release of this and of every earlier release: each class's "
                        + "records lie in the table cells it is compatible with, every cell's count is the records of the "
                        + "classes it receives plus records suppressed whole (at most the number published)");
        audit.put("record_level_releases_linked", a.recordLevelReleasesLinked());
        audit.put("tables_linked_to_record_level_releases", a.tablesLinkedToRecordLevelReleases());
        return this;
    }

    /**
     * States that this release's record-level extract is withheld. Which of the two reasons, and which cells the
     * records would have given back, stays with staff (the run record): naming the cells would tell which suppressed
     * cells the records narrow, and naming a year too small would tell that its total is below the width.
     */
    public CertificateBuilder anonymizationWithheld() {
        root.remove(ANONYMIZATION);
        root.putObject(ANONYMIZATION)
                .put(
                        "withheld",
                        "this release's record-level extract is not published with this release: either it would "
                                + "give back table cells that no suppression of table cells can protect (its counts "
                                + "alone, or differenced with an earlier release's extract), or a year it would "
                                + "publish has fewer records than the protection width, which every year holds back");
        return this;
    }

    /**
     * The years each dataset's closed-year extract covers: every record of those years as staged when the extract
     * was written, each year published in this release only.
     */
    public CertificateBuilder anonymizationYears(Map<String, java.util.List<Integer>> years) {
        ObjectNode anonymization =
                root.get(ANONYMIZATION) instanceof ObjectNode existing ? existing : root.putObject(ANONYMIZATION);
        anonymization.put("record_level_periods", "closed_years");
        ObjectNode covered = anonymization.putObject("years_published");
        years.forEach((dataset, ys) -> {
            ArrayNode a = covered.putArray(dataset);
            ys.forEach(a::add);
        });
        return this;
    }

    /** States that this release publishes no record-level extract, and why (in general terms). */
    public CertificateBuilder noRecordLevelExtract(String why) {
        root.remove(ANONYMIZATION);
        root.putObject(ANONYMIZATION).put("none", why);
        return this;
    }

    /** The record-level extract's protection (its files are hashed with the rest). */
    public CertificateBuilder anonymization(Anonymization a) {
        ObjectNode anonymization = root.putObject(ANONYMIZATION);
        anonymization.put(K, a.k());
        anonymization.put("suppression_limit", a.suppressionLimit());
        anonymization.put("metric", a.metric());
        anonymization.put("local_suppression", a.localSuppression());
        anonymization.put("details", a.details());
        anonymization.put(
                "tables_attacker_model",
                "the record-level release is part of the tables' attacker model "
                        + "(audit.attacker_knowledge): the table protection and the audit link each class's records to the "
                        + "table cells it is compatible with, in this and every later release");
        ArrayNode quasi = anonymization.putArray("quasi_identifiers");
        a.quasiIdentifiers().forEach(quasi::add);
        ObjectNode published = anonymization.putObject("records_published");
        a.recordsPublished().forEach(published::put);
        return this;
    }

    /** The ledger file that remembers this release's cells. */
    public CertificateBuilder ledgerVersion(String file) {
        root.put("ledger_version", file);
        return this;
    }

    /** Replaces the overrides: where the configuration weakened a default, in words. */
    public CertificateBuilder overrides(List<String> overrides) {
        ArrayNode node = root.putArray("overrides");
        overrides.forEach(node::add);
        return this;
    }

    /** Adds overrides to those an earlier stage stated. */
    public CertificateBuilder addOverrides(List<String> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        ArrayNode node = root.has("overrides") && root.get("overrides").isArray()
                ? (ArrayNode) root.get("overrides")
                : root.putArray("overrides");
        overrides.forEach(node::add);
        return this;
    }

    /** Removes the commentary section (a release rendered again without staff notes). */
    public CertificateBuilder withoutCommentary() {
        root.remove("commentary");
        return this;
    }

    /**
     * The staff notes' commentary: the languages it was checked in and the literal numbers it was allowed. The
     * section goes to the end of the certificate, after the sections of the stages before the reports.
     */
    public CertificateBuilder commentary(List<String> languages, List<AllowedLiteral> allowedLiterals) {
        root.remove("commentary");
        ObjectNode section = root.putObject("commentary");
        ArrayNode langs = section.putArray("languages");
        languages.forEach(langs::add);
        ArrayNode literals = section.putArray("allowed_literals");
        for (AllowedLiteral l : allowedLiterals) {
            literals.addObject()
                    .put("language", l.language())
                    .put("value", l.value())
                    .put("reason", l.reason());
        }
        return this;
    }

    /** Recomputes the hashes of every published file of the release folder and writes the certificate atomically. */
    public Path write(Path releaseDir) {
        ObjectNode files = root.putObject(FILES_SHA256);
        try (Stream<Path> all = Files.walk(releaseDir)) {
            List<Path> published = all.filter(Files::isRegularFile)
                    .filter(p -> isCertified(p.getFileName().toString()))
                    .sorted()
                    .toList();
            for (Path p : published) {
                files.put(releaseDir.relativize(p).toString(), sha256(p));
            }
            Path tmp = releaseDir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(
                    tmp, releaseDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return releaseDir.resolve(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificate in " + releaseDir, e);
        }
    }

    /** Whether a file of a release folder is hashed: not the certificate itself, markers, checksums or hidden files. */
    static boolean isCertified(String name) {
        return !name.equals(FILE)
                && !name.startsWith(".")
                && !name.endsWith(".crc")
                && !name.equals("_SUCCESS")
                && !name.equals(COMPLETE_MARKER);
    }

    /** SHA-256 of a file, in hex. */
    public static String sha256(Path file) {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // digest as we go
            }
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The certificate as it stands, for tests and logs (a copy). */
    JsonNode document() {
        return root.deepCopy();
    }
}
