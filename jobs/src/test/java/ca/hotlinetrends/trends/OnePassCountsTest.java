package ca.hotlinetrends.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import ca.hotlinetrends.testing.SharedSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The one-pass counts are exactly the table-by-table aggregations', nulls, unknown codes and lists included. */
class OnePassCountsTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load();
    private static final String[] QUARTERS = {"2025Q3", "2025Q4", "2026Q1", "2026Q2"};

    /** A code of the list, or now and then null or a code outside it. */
    private static Object code(Random random, String list) {
        int roll = random.nextInt(50);
        if (roll == 0) {
            return null;
        }
        if (roll == 1) {
            return "NOT_A_CODE";
        }
        List<String> codes = SCHEMAS.codeList(list).codes();
        return codes.get(random.nextInt(codes.size()));
    }

    private static Object list(Random random, String list) {
        int size = random.nextInt(5) - 1; // null, empty, 1 to 3 items
        if (size < 0) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Object c = code(random, list);
            items.add(c == null ? "NOT_A_CODE_EITHER" : (String) c);
        }
        return scala.jdk.javaapi.CollectionConverters.asScala(items).toSeq();
    }

    private static Dataset<Row> data(
            SparkSession spark, StructType schema, int n, java.util.function.Function<Random, Object[]> row) {
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(row.apply(random)));
        }
        return spark.createDataFrame(rows, schema).repartition(3);
    }

    private static List<TableSchema> tables(String counts, String source) {
        return SCHEMAS.tables().stream()
                .filter(TableSchema::isCountTable)
                .filter(t -> t.counts().equals("distinct case_ref") == counts.equals("cases"))
                .filter(t -> counts.equals("cases") || t.sourceDataset().equals(source))
                .toList();
    }

    /** {@code head} and the victims' counted columns. */
    private static StructType victimColumns(StructType head) {
        return head.add("gender", DataTypes.StringType)
                .add("age_group", DataTypes.StringType)
                .add("industry", DataTypes.StringType)
                .add("recruiter_relation", DataTypes.StringType)
                .add("status_in_canada", DataTypes.StringType)
                .add("trafficking_type", DataTypes.StringType)
                .add("means_of_control", DataTypes.createArrayType(DataTypes.StringType, true))
                .add("services_requested", DataTypes.createArrayType(DataTypes.StringType, false))
                .add("province_code", DataTypes.StringType);
    }

    /**
     * A victim of {@link #victimColumns}: {@code head}, then a code of each list or now and then null or another
     * code; with {@code absentItems}, now and then a list with an absent item.
     */
    private static Object[] victim(Random r, boolean absentItems, Object... head) {
        List<Object> row = new ArrayList<>(List.of(head));
        for (String list : List.of(
                "gender", "age_group", "industry", "recruiter_relation", "status_in_canada", "trafficking_type")) {
            row.add(code(r, list));
        }
        row.add(
                absentItems && r.nextInt(40) == 0
                        ? scala.jdk.javaapi.CollectionConverters.asScala(
                                        java.util.Arrays.asList("PHYSICAL_ABUSE", null))
                                .toSeq()
                        : list(r, "means_of_control"));
        row.add(list(r, "services_requested"));
        row.add(code(r, "province"));
        return row.toArray();
    }

    private static void assertSameAsTableByTable(List<TableSchema> tables, Dataset<Row> source) {
        assertThat(tables).isNotEmpty();
        List<OnePassCounts.Partial> partials =
                OnePassCounts.partials(tables, source, SCHEMAS).collect();
        Map<TableSchema, Map<List<String>, Long>> onePass = OnePassCounts.merge(tables, source, SCHEMAS, partials);
        for (TableSchema t : tables) {
            // In the order first added: each partial's combinations in its own order, those already added left out.
            List<List<String>> firstAdded = new ArrayList<>();
            java.util.Set<List<String>> seen = new java.util.HashSet<>();
            for (OnePassCounts.Partial p : partials) {
                for (List<String> key : OnePassCounts.merge(tables, source, SCHEMAS, List.of(p))
                        .get(t)
                        .keySet()) {
                    if (seen.add(key)) {
                        firstAdded.add(key);
                    }
                }
            }
            assertThat(partials).hasSizeGreaterThan(1);
            assertThat(new ArrayList<>(onePass.get(t).keySet()))
                    .as(t.table() + ", in order")
                    .isEqualTo(firstAdded);
            Map<List<String>, Long> expected = new HashMap<>();
            for (Row r : TableCounts.quarterly(t, source).collectAsList()) {
                List<String> key = new ArrayList<>();
                for (int i = 0; i < r.length() - 1; i++) {
                    key.add(r.getString(i));
                }
                expected.put(key, r.getLong(r.length() - 1));
            }
            assertThat(onePass.get(t)).as(t.table()).isEqualTo(expected);
            assertThat(expected.keySet())
                    .as(t.table() + " has unknown codes")
                    .anyMatch(k -> k.stream().anyMatch(c -> c != null && c.startsWith("NOT_A_CODE")));
            if (!t.multiValued()) {
                assertThat(expected.keySet())
                        .as(t.table() + " has nulls")
                        .anyMatch(k -> k.subList(1, k.size()).contains(null));
            }
        }
    }

    @Test
    void contactTables_includingABoolean() {
        SparkSession spark = SharedSpark.session();
        StructType schema = new StructType()
                .add("reference_quarter", DataTypes.StringType, false)
                .add("caller_type", DataTypes.StringType)
                .add("channel", DataTypes.StringType)
                .add("language", DataTypes.StringType)
                .add("law_enforcement_report", DataTypes.StringType)
                .add("referral_made", DataTypes.BooleanType);
        Dataset<Row> contacts = data(spark, schema, 4_000, r -> new Object[] {
            QUARTERS[r.nextInt(QUARTERS.length)],
            code(r, "caller_type"),
            code(r, "channel"),
            code(r, "language"),
            code(r, "law_enforcement_report"),
            r.nextInt(20) == 0 ? null : r.nextBoolean()
        });
        List<TableSchema> tables = tables("contacts", "contacts");
        // The boolean has no unknown code: check the others, and the boolean's counts separately.
        List<TableSchema> coded = tables.stream()
                .filter(t -> !t.table().equals("contacts_by_referral"))
                .toList();
        assertSameAsTableByTable(coded, contacts);
        TableSchema referral = SCHEMAS.table("contacts_by_referral");
        Map<List<String>, Long> counted = OnePassCounts.merge(
                        List.of(referral),
                        contacts,
                        SCHEMAS,
                        OnePassCounts.partials(List.of(referral), contacts, SCHEMAS)
                                .collect())
                .get(referral);
        long trueInQ1 =
                contacts.where("reference_quarter = '2026Q1' and referral_made").count();
        long nullInQ1 = contacts.where("reference_quarter = '2026Q1' and referral_made is null")
                .count();
        assertThat(counted.get(List.of("2026Q1", "true"))).isEqualTo(trueInQ1);
        java.util.List<String> nullKey = new ArrayList<>(List.of("2026Q1"));
        nullKey.add(null);
        assertThat(counted.get(nullKey)).isEqualTo(nullInQ1);
        assertThat(counted.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4_000);
    }

    @Test
    void victimTables_withLists_andCaseTables() {
        SparkSession spark = SharedSpark.session();
        StructType schema = victimColumns(new StructType().add("reference_quarter", DataTypes.StringType, false));
        Dataset<Row> victims = data(spark, schema, 6_000, r -> victim(r, false, QUARTERS[r.nextInt(QUARTERS.length)]));
        assertSameAsTableByTable(tables("victims", "victims"), victims);
        assertSameAsTableByTable(tables("cases", null), victims);
    }

    @Test
    void aListCountedAsOneCode_isRefused() {
        SparkSession spark = SharedSpark.session();
        StructType schema = new StructType()
                .add("reference_quarter", DataTypes.StringType, false)
                .add("industry", DataTypes.createArrayType(DataTypes.StringType, false));
        Dataset<Row> bad = spark.createDataFrame(List.of(), schema);
        assertThatThrownBy(() -> OnePassCounts.partials(List.of(SCHEMAS.table("victims_by_industry")), bad, SCHEMAS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("industry is a list");
    }

    @Test
    void codeIndex_findsEveryCode_andNothingElse() {
        List<String> codes = List.of("ON", "QC", "LABOUR_TRAFFICKING", "LABOUR_TRAFFICKERS", "LABOUR_T", "", "é");
        OnePassCounts.CodeIndex index = new OnePassCounts.CodeIndex(codes);
        for (int i = 0; i < codes.size(); i++) {
            assertThat(index.indexOf(org.apache.spark.unsafe.types.UTF8String.fromString(codes.get(i))))
                    .as(codes.get(i))
                    .isEqualTo(i + 1);
        }
        for (String other :
                List.of("O", "ONT", "LABOUR_TRAFFICKIN", "LABOUR_TRAFFICKINGS", "LABOUR_TX", "LABOUR_", "e", "qc")) {
            assertThat(index.indexOf(org.apache.spark.unsafe.types.UTF8String.fromString(other)))
                    .as(other)
                    .isEqualTo(-1);
        }
    }

    @Test
    void sparseCells_countLikeAMap_inIncreasingPosition() {
        java.util.Random random = new java.util.Random(11);
        OnePassCounts.SparseCells cells = new OnePassCounts.SparseCells();
        java.util.TreeMap<Long, Long> expected = new java.util.TreeMap<>();
        for (int i = 0; i < 50_000; i++) {
            // positions up to 12.7 million (the victims' frequencies), many repeated, some very large
            long position = i % 7 == 0 ? random.nextLong(Long.MAX_VALUE >> 8) : random.nextInt(3_000) * 4_243L;
            cells.add(position);
            expected.merge(position, 1L, Long::sum);
        }
        long[] pairs = cells.pairs();
        assertThat(pairs).hasSize(2 * expected.size());
        int at = 0;
        for (java.util.Map.Entry<Long, Long> e : expected.entrySet()) {
            assertThat(pairs[at]).isEqualTo(e.getKey());
            assertThat(pairs[at + 1]).as("count at %d", e.getKey()).isEqualTo(e.getValue());
            at += 2;
        }
        assertThat(new OnePassCounts.SparseCells().pairs()).isEmpty();
    }

    /** Runs {@code body} with Spark SQL settings changed, then puts them back. */
    private static void withConf(Map<String, String> conf, Runnable body) {
        org.apache.spark.sql.RuntimeConfig runtime = SharedSpark.session().conf();
        Map<String, String> before = new HashMap<>();
        conf.forEach((k, v) -> {
            before.put(k, runtime.get(k, null));
            runtime.set(k, v);
        });
        try {
            body.run();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    runtime.unset(k);
                } else {
                    runtime.set(k, v);
                }
            });
        }
    }

    /** The count tables of a dataset, and the frequencies of some of its columns, as a run's pass counts them. */
    private static List<OnePassCounts.Spec> tablesAndFrequencies(String dataset, List<String> columns) {
        List<OnePassCounts.Spec> specs = new ArrayList<>();
        tables(dataset, dataset).forEach(t -> specs.add(OnePassCounts.Spec.of(t, SCHEMAS)));
        specs.add(OnePassCounts.Spec.frequencies("frequencies", SCHEMAS.dataset(dataset), columns, SCHEMAS));
        return specs;
    }

    /**
     * {@code data} staged as a run stages it (Parquet, a folder per quarter), in small row groups and pages whose
     * dictionaries overflow, and read back up to 2026Q1.
     */
    private static Dataset<Row> staged(Dataset<Row> data, java.nio.file.Path dir) {
        data.write()
                .option("parquet.block.size", "16384")
                .option("parquet.page.size", "2048")
                .option("parquet.dictionary.page.size", "1024")
                .partitionBy("reference_quarter")
                .parquet(dir.toString());
        return SharedSpark.session()
                .read()
                .parquet(dir.toString())
                .where(org.apache.spark.sql.functions.col("reference_quarter").leq("2026Q1"));
    }

    /**
     * The batch pass over {@code staged} gives what the row pass gives, task by task: the same cells in the same
     * order, the same values outside the code lists and the same records of least hash (Spark's {@code xxhash64} in
     * the row pass, computed from the key's bytes in the batch pass).
     */
    private static void assertBatchPassIsRowPass(List<OnePassCounts.Spec> specs, Dataset<Row> staged, String key) {
        int perYear = 7;
        long seed = 20190501L ^ "victims".hashCode();
        withConf(
                Map.of(
                        "spark.sql.files.maxPartitionBytes",
                        "20000",
                        "spark.sql.parquet.columnarReaderBatchSize",
                        "300"),
                () -> {
                    java.util.Optional<org.apache.spark.api.java.JavaRDD<OnePassCounts.Partial>> batches =
                            OnePassCounts.batchPartials(specs, staged, key, seed, perYear);
                    assertThat(batches)
                            .as("a plain scan is counted from its batches")
                            .isPresent();
                    List<OnePassCounts.Partial> fromBatches = batches.get().collect();
                    List<OnePassCounts.Partial> fromRows = OnePassCounts.partials(
                                    specs, staged, OnePassCounts.leastHash(key, seed), key, perYear)
                            .collect();
                    assertThat(fromBatches).hasSameSizeAs(fromRows).hasSizeGreaterThan(3);
                    for (int i = 0; i < fromRows.size(); i++) {
                        List<Map<List<String>, Long>> b =
                                OnePassCounts.merge(specs, staged, List.of(fromBatches.get(i)));
                        List<Map<List<String>, Long>> r = OnePassCounts.merge(specs, staged, List.of(fromRows.get(i)));
                        assertThat(b).as("task %d", i).isEqualTo(r);
                        for (int t = 0; t < specs.size(); t++) {
                            assertThat(new ArrayList<>(b.get(t).keySet()))
                                    .as("task %d, %s, in order", i, specs.get(t).name())
                                    .isEqualTo(new ArrayList<>(r.get(t).keySet()));
                        }
                    }
                    Map<String, List<OnePassCounts.Candidate>> least = OnePassCounts.least(fromBatches, perYear);
                    assertThat(least).isEqualTo(OnePassCounts.least(fromRows, perYear));
                    assertThat(least.keySet()).containsExactly("2025", "2026");
                    least.values().forEach(kept -> assertThat(kept).hasSize(perYear));
                    // the whole pass, as a run calls it, takes the batches
                    assertThat(OnePassCounts.merge(
                                    specs,
                                    staged,
                                    OnePassCounts.partials(specs, staged, key, seed, perYear)
                                            .collect()))
                            .isEqualTo(OnePassCounts.merge(specs, staged, fromRows));
                });
    }

    @Test
    void batchPass_countsWhatTheRowPassCounts_booleansAndDictionariesThatOverflow(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        SparkSession spark = SharedSpark.session();
        StructType schema = new StructType()
                .add("contact_ref", DataTypes.StringType, false)
                .add("reference_quarter", DataTypes.StringType, false)
                .add("caller_type", DataTypes.StringType)
                .add("channel", DataTypes.StringType)
                .add("language", DataTypes.StringType)
                .add("law_enforcement_report", DataTypes.StringType)
                .add("referral_made", DataTypes.BooleanType)
                .add("case_ref", DataTypes.StringType);
        int[] n = {0};
        Dataset<Row> contacts = staged(
                data(spark, schema, 6_000, r -> new Object[] {
                    (n[0]++ % 89 == 0 ? "é" : "") + "C" + r.nextInt(1_000_000) + "-" + n[0],
                    QUARTERS[r.nextInt(QUARTERS.length)],
                    code(r, "caller_type"),
                    code(r, "channel"),
                    code(r, "language"),
                    code(r, "law_enforcement_report"),
                    r.nextInt(20) == 0 ? null : r.nextBoolean(),
                    // a column of many values, none a code: its dictionary overflows into plain pages
                    r.nextInt(30) == 0 ? null : "CASE-" + r.nextInt(2_000)
                }),
                dir.resolve("contacts"));
        List<OnePassCounts.Spec> specs =
                tablesAndFrequencies("contacts", List.of("caller_type", "language", "referral_made", "case_ref"));
        assertBatchPassIsRowPass(specs, contacts, "contact_ref");
    }

    @Test
    void batchPass_countsWhatTheRowPassCounts_lists(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        SparkSession spark = SharedSpark.session();
        StructType schema = victimColumns(new StructType()
                .add("victim_ref", DataTypes.StringType, false)
                .add("reference_quarter", DataTypes.StringType, false));
        int[] n = {0};
        Dataset<Row> victims = staged(
                data(
                        spark,
                        schema,
                        6_000,
                        r -> victim(
                                r,
                                true,
                                "V" + r.nextInt(1_000_000) + "-" + n[0]++,
                                QUARTERS[r.nextInt(QUARTERS.length)])),
                dir.resolve("victims"));
        List<OnePassCounts.Spec> specs = tablesAndFrequencies(
                "victims",
                List.of("province_code", "gender", "age_group", "industry", "trafficking_type", "status_in_canada"));
        assertBatchPassIsRowPass(specs, victims, "victim_ref");
        // what is not a plain scan is counted from rows
        assertThat(OnePassCounts.batchPartials(
                        specs,
                        victims.where(
                                org.apache.spark.sql.functions.col("gender").isNotNull()),
                        "victim_ref",
                        1L,
                        3))
                .isEmpty();
        assertThat(OnePassCounts.batchPartials(specs, victims.repartition(2), "victim_ref", 1L, 3))
                .isEmpty();
    }
}
