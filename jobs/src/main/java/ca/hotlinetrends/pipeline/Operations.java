package ca.hotlinetrends.pipeline;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.generate.ExportGenerator;
import ca.hotlinetrends.generate.GenerateConfig;
import ca.hotlinetrends.generate.GenerateJob;
import ca.hotlinetrends.microdata.AnonymizeJob;
import ca.hotlinetrends.microdata.AnonymizeSpec;
import ca.hotlinetrends.microdata.LocalAnonymizeJob;
import ca.hotlinetrends.publish.Ledger;
import ca.hotlinetrends.publish.OutsiderAudit;
import ca.hotlinetrends.publish.SqlSandbox;
import ca.hotlinetrends.release.ReleaseCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * What the commands that make no release do, through the same context as the release stages ({@link Stages}): write
 * a synthetic export, audit published releases as an outsider, anonymize any file with a job file, open the SQL
 * sandbox over a release. The commands parse options and print; the work is here.
 */
public final class Operations {

    private Operations() {}

    /** Writes a seeded synthetic export. */
    public static ExportGenerator.Result generate(PipelineContext ctx, GenerateConfig generate) {
        return GenerateJob.run(ctx.schemas(), ctx.config(), generate);
    }

    /**
     * The outsider's audit of {@code release} and every earlier one, from the published files, with the protection
     * width {@code release}'s certificate states (the outsider's only rule) unless {@code widthOverride} is given; for
     * a release whose certificate states none, the configuration's. Staff tell small counts apart with the restricted
     * ledger's values where the warehouse has them; without them (an outsider's copy of {@code published/}) every
     * suppressed cell is held to the width.
     */
    public static OutsiderAudit.Result audit(PipelineContext ctx, Quarter release, OptionalLong widthOverride) {
        long width = widthOverride.isPresent()
                ? widthOverride.getAsLong()
                : ReleaseCertificate.readIfPresent(ctx.warehouse().release(release))
                        .map(c -> c.tableProtection().protectionWidth())
                        .filter(OptionalLong::isPresent)
                        .map(OptionalLong::getAsLong)
                        .orElse((long) ctx.config().privacy().protectionWidth());
        Progress.say(
                "audit",
                "reading published releases up to " + release + " in "
                        + ctx.warehouse().published());
        Ledger ledger = new Ledger(ctx.warehouse());
        return new OutsiderAudit(ctx.schemas(), width)
                .run(ctx.warehouse().published(), release, q -> readable(ledger, q));
    }

    private static Optional<Map<String, Long>> readable(Ledger ledger, Quarter q) {
        try {
            return ledger.vintage(q);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** A job file's result, with the engine that ran it. */
    public record Anonymized(AnonymizeSpec spec, AnonymizeJob.Result result, String engine) {}

    /**
     * Anonymizes the file a job file names into {@code out}: without Spark when the input is a small CSV file, else
     * on a Spark session of this context. {@code out} is checked first ({@link #checkOut}): a refusal touches nothing.
     */
    public static Anonymized anonymizeFile(PipelineContext ctx, Path jobFile, Path out) {
        AnonymizeSpec spec = AnonymizeSpec.read(jobFile);
        checkOut(out, jobFile, spec);
        Optional<AnonymizeJob.Result> local = AnonymizeJob.runWithoutSpark(spec, out);
        if (local.isPresent()) {
            return new Anonymized(
                    spec,
                    local.get(),
                    "local (a CSV file of at most " + (LocalAnonymizeJob.MAX_BYTES >> 20) + " MiB: no Spark session)");
        }
        SparkSession spark = ctx.spark("anonymize");
        try {
            return new Anonymized(
                    spec,
                    AnonymizeJob.run(spark, spec, out),
                    "Spark (" + spark.sparkContext().master() + ")");
        } finally {
            spark.stop();
        }
    }

    /**
     * The output folder is replaced as Spark's overwrite does (deleted, then written), so it is checked before
     * anything runs, and refused (bad usage, nothing touched) when it is or holds a file the job reads (the input,
     * the job file, a hierarchy), or when it exists, is not empty and is not an earlier output of a job file
     * (no {@code _SUCCESS} marker): a typo such as {@code --out .} must never delete a folder of the user's.
     */
    static void checkOut(Path out, Path jobFile, AnonymizeSpec spec) {
        Path target = real(out);
        Map<String, Path> reads = new LinkedHashMap<>();
        reads.put("the input", Path.of(spec.input()));
        reads.put("the job file", jobFile);
        spec.hierarchies().forEach((column, file) -> reads.put("the hierarchy of " + column, Path.of(file)));
        for (var read : reads.entrySet()) {
            if (real(read.getValue()).startsWith(target)) {
                throw new IllegalArgumentException("--out " + out + " holds " + read.getKey() + " (" + read.getValue()
                        + "), and the output folder is replaced: choose a folder of its own");
            }
        }
        if (Files.isDirectory(target) && !Files.exists(target.resolve("_SUCCESS"))) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--out " + out + " is a folder that is not empty and not an "
                            + "earlier output of anonymize (no _SUCCESS in it); it would be replaced: choose a new or "
                            + "empty folder");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + out, e);
            }
        } else if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
    }

    /** The path with its existing part resolved through links, so that a link cannot hide an overlap. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /**
     * The SQL sandbox over {@code release}'s published views, or the latest release's when {@code release} is
     * {@code null}; {@code out}, a file the caller will write a result to, is refused inside the warehouse.
     */
    public static SqlSandbox openSql(PipelineContext ctx, String release, Path out) {
        if (out != null
                && out.toAbsolutePath()
                        .normalize()
                        .startsWith(ctx.warehouse().root().toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out cannot be inside the warehouse: " + out);
        }
        Quarter r = release == null ? SqlSandbox.latestRelease(ctx.warehouse()) : Quarter.parse(release);
        return SqlSandbox.open(ctx.warehouse(), r);
    }
}
