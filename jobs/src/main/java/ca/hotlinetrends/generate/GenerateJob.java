package ca.hotlinetrends.generate;

import ca.hotlinetrends.config.HotlineConfig;
import ca.hotlinetrends.schema.DatasetSchema;
import ca.hotlinetrends.schema.FieldSpec;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.spark.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code generate} shell. CSV and JSON Lines are written by {@link ExportGenerator} directly; Parquet is
 * the CSV export converted by Spark (all columns strings, as a case-management system would export them),
 * one file per dataset.
 */
public final class GenerateJob {

    private GenerateJob() {}

    public static ExportGenerator.Result run(SchemaRegistry schemas, HotlineConfig config, GenerateConfig generate) {
        if (!generate.format().equals("parquet")) {
            return ExportGenerator.write(schemas, generate, generate.format());
        }
        Path tmp = generate.out().resolve(".csv-for-parquet");
        GenerateConfig csv = new GenerateConfig(
                tmp,
                generate.seed(),
                generate.scale(),
                generate.from(),
                generate.to(),
                "csv",
                generate.dirtyRate(),
                generate.datasets());
        ExportGenerator.Result result = ExportGenerator.write(schemas, csv, "csv");
        SparkSession spark = SparkSessions.create(config.spark(), "hotline-trends generate");
        try {
            for (String dataset : generate.datasets().stream().sorted().toList()) {
                DatasetSchema schema = schemas.dataset(dataset);
                StructType strings = new StructType();
                for (FieldSpec f : schema.acceptedFields()) {
                    strings = strings.add(f.exportHeader(), DataTypes.StringType, true);
                }
                Path out = generate.out().resolve(".parquet-" + dataset);
                spark.read()
                        .schema(strings)
                        .option("header", "true")
                        .option("multiLine", "true")
                        .option("escape", "\"")
                        .csv(tmp.resolve(dataset + ".csv").toString())
                        .coalesce(1)
                        .write()
                        .mode("overwrite")
                        .parquet(out.toString());
                try (Stream<Path> parts = Files.list(out)) {
                    Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException("Spark wrote no Parquet file for " + dataset));
                    Files.move(part, generate.out().resolve(dataset + ".parquet"), StandardCopyOption.REPLACE_EXISTING);
                }
                org.apache.commons.io.FileUtils.deleteDirectory(out.toFile());
            }
            if (Files.exists(tmp.resolve("dirty-labels.csv"))) {
                Files.move(
                        tmp.resolve("dirty-labels.csv"),
                        generate.out().resolve("dirty-labels.csv"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            org.apache.commons.io.FileUtils.deleteDirectory(tmp.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Parquet export to " + generate.out(), e);
        } finally {
            spark.stop();
        }
        return result;
    }
}
