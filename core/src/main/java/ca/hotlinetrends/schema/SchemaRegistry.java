package ca.hotlinetrends.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Everything under {@code schemas/}: datasets, code lists, hierarchies, population and published tables.
 * Code loads it through this class and never restates a column list or a type.
 *
 * <p>{@link #load()} reads the copy packaged on the class path (under {@code schemas/}); {@link
 * #load(Path)} reads a folder. Everything is read and cross-checked eagerly, so a broken schema fails at
 * start-up with a message naming the file. Immutable and thread-safe once built.
 */
public final class SchemaRegistry {

    private static final String ROOT = "schemas/";

    private final Map<String, DatasetSchema> datasets;
    private final Map<String, CodeList> codeLists;
    private final Map<String, Hierarchy> hierarchies;
    private final Map<String, TableSchema> tables;
    private final Population population;

    private SchemaRegistry(Source source) {
        ObjectMapper json = mapper();
        Map<String, DatasetSchema> ds = new TreeMap<>();
        for (String name : source.list("datasets", ".schema.json")) {
            DatasetSchema schema = source.readJson(json, "datasets/" + name + ".schema.json", DatasetSchema.class);
            if (!schema.dataset().equals(name)) {
                throw new IllegalArgumentException(
                        "schemas/datasets/" + name + ".schema.json declares dataset '" + schema.dataset() + "'");
            }
            ds.put(name, schema);
        }
        Map<String, CodeList> cl = new TreeMap<>();
        for (String name : source.list("codes", ".csv")) {
            cl.put(name, CodeList.parse(name, source.readLines("codes/" + name + ".csv")));
        }
        Map<String, Hierarchy> hs = new TreeMap<>();
        for (String name : source.list("hierarchies", ".csv")) {
            hs.put(
                    name,
                    Hierarchy.read(
                            name,
                            new java.io.StringReader(
                                    String.join("\n", source.readLines("hierarchies/" + name + ".csv"))),
                            ';'));
        }
        Map<String, TableSchema> ts = new TreeMap<>();
        for (String name : source.list("tables", ".table.json")) {
            TableSchema schema = source.readJson(json, "tables/" + name + ".table.json", TableSchema.class);
            if (!schema.table().equals(name)) {
                throw new IllegalArgumentException(
                        "schemas/tables/" + name + ".table.json declares table '" + schema.table() + "'");
            }
            ts.put(name, schema);
        }
        this.datasets = Map.copyOf(ds);
        this.codeLists = Map.copyOf(cl);
        this.hierarchies = Map.copyOf(hs);
        this.tables = Map.copyOf(ts);
        this.population = readPopulation(source.readJson(json, "codes/population.json", JsonNode.class));
        crossCheck();
    }

    /** The schemas packaged on the class path. */
    public static SchemaRegistry load() {
        return new SchemaRegistry(new ClasspathSource());
    }

    /** The schemas in a folder laid out like {@code schemas/}. */
    public static SchemaRegistry load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("schema folder does not exist: " + folder);
        }
        return new SchemaRegistry(new FolderSource(folder));
    }

    static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    private static Population readPopulation(JsonNode node) {
        Map<String, TreeMap<Integer, Long>> figures = new TreeMap<>();
        node.get("population").fields().forEachRemaining(province -> {
            TreeMap<Integer, Long> byYear = new TreeMap<>();
            province.getValue()
                    .fields()
                    .forEachRemaining(y -> byYear.put(
                            Integer.parseInt(y.getKey()), y.getValue().asLong()));
            figures.put(province.getKey(), byYear);
        });
        return new Population(
                node.get("version").asInt(),
                node.get("source").asText(),
                node.get("beyond_table").get("stands_in").asInt(),
                figures);
    }

    private void crossCheck() {
        for (DatasetSchema d : datasets.values()) {
            for (FieldSpec f : d.fields()) {
                f.codeList().ifPresent(c -> requireCodeList(c, "field " + d.dataset() + "." + f.name()));
            }
            for (String qi : d.columnsWithRole(PrivacyRole.QUASI_IDENTIFIER)) {
                Hierarchy h = hierarchies.get(qi);
                if (h == null) {
                    throw new IllegalArgumentException("quasi-identifier " + d.dataset() + "." + qi
                            + " has no hierarchy in schemas/hierarchies/" + qi + ".csv");
                }
                if (d.hasField(qi)) {
                    d.field(qi).codeList().ifPresent(list -> {
                        if (!new TreeSet<>(codeList(list).codes()).equals(new TreeSet<>(h.leaves()))) {
                            throw new IllegalArgumentException("hierarchy " + qi
                                    + " must have exactly the codes of code list " + list + " as leaves");
                        }
                    });
                }
            }
        }
        for (TableSchema t : tables.values()) {
            if (!datasets.containsKey(t.sourceDataset())) {
                throw new IllegalArgumentException(
                        "table " + t.table() + " counts unknown dataset " + t.sourceDataset());
            }
            if (t.derivedFrom() != null && !tables.containsKey(t.derivedFrom())) {
                throw new IllegalArgumentException(
                        "table " + t.table() + " is derived from unknown table " + t.derivedFrom());
            }
            for (TableSchema.Dimension dim : t.dimensions()) {
                if (dim.codes() != null) {
                    requireCodeList(dim.codes(), "dimension " + t.table() + "." + dim.name());
                }
            }
        }
        for (CodeList.Entry p : codeList("province").entries()) {
            population.of(p.code(), population.lastYear());
        }
    }

    private void requireCodeList(String name, String user) {
        if (!codeLists.containsKey(name)) {
            throw new IllegalArgumentException(
                    user + " names code list '" + name + "', which is not in schemas/codes/");
        }
    }

    public List<DatasetSchema> datasets() {
        return List.copyOf(new TreeMap<>(datasets).values());
    }

    public DatasetSchema dataset(String name) {
        DatasetSchema d = datasets.get(name);
        if (d == null) {
            throw new IllegalArgumentException(
                    "unknown dataset '" + name + "'; known: " + new TreeSet<>(datasets.keySet()));
        }
        return d;
    }

    public CodeList codeList(String name) {
        CodeList c = codeLists.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown code list '" + name + "'");
        }
        return c;
    }

    public List<CodeList> codeLists() {
        return List.copyOf(new TreeMap<>(codeLists).values());
    }

    public Hierarchy hierarchy(String attribute) {
        Hierarchy h = hierarchies.get(attribute);
        if (h == null) {
            throw new IllegalArgumentException("no hierarchy for attribute '" + attribute + "'");
        }
        return h;
    }

    public List<Hierarchy> hierarchies() {
        return List.copyOf(new TreeMap<>(hierarchies).values());
    }

    public TableSchema table(String name) {
        TableSchema t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException(
                    "unknown table '" + name + "'; known: " + new TreeSet<>(tables.keySet()));
        }
        return t;
    }

    public List<TableSchema> tables() {
        return List.copyOf(new TreeMap<>(tables).values());
    }

    public Population population() {
        return population;
    }

    /** Where schema files come from. */
    private interface Source {
        List<String> list(String folder, String suffix);

        List<String> readLines(String relative);

        default <T> T readJson(ObjectMapper json, String relative, Class<T> type) {
            try {
                return json.readValue(String.join("\n", readLines(relative)), type);
            } catch (IOException e) {
                throw new IllegalArgumentException("schemas/" + relative + " is not valid: " + e.getMessage(), e);
            }
        }
    }

    private record FolderSource(Path root) implements Source {
        @Override
        public List<String> list(String folder, String suffix) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(suffix))
                        .map(n -> n.substring(0, n.length() - suffix.length()))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }

        @Override
        public List<String> readLines(String relative) {
            try {
                return Files.readAllLines(root.resolve(relative), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schemas/" + relative, e);
            }
        }
    }

    /** Reads {@code schemas/} from the class path, whether it sits in a folder or in a jar. */
    private static final class ClasspathSource implements Source {
        private final ClassLoader loader = Objects.requireNonNullElse(
                Thread.currentThread().getContextClassLoader(), SchemaRegistry.class.getClassLoader());

        @Override
        public List<String> list(String folder, String suffix) {
            TreeSet<String> names = new TreeSet<>();
            try {
                Enumeration<URL> roots = loader.getResources(ROOT + folder);
                while (roots.hasMoreElements()) {
                    URL url = roots.nextElement();
                    if (url.getProtocol().equals("file")) {
                        names.addAll(new FolderSource(Path.of(url.toURI()).getParent()).list(folder, suffix));
                    } else if (url.getProtocol().equals("jar")) {
                        String spec = url.getPath();
                        Path jar = Path.of(new URL(spec.substring(0, spec.indexOf("!/"))).toURI());
                        try (JarFile file = new JarFile(jar.toFile())) {
                            String prefix = ROOT + folder + "/";
                            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                                String n = e.nextElement().getName();
                                if (n.startsWith(prefix) && n.endsWith(suffix) && n.indexOf('/', prefix.length()) < 0) {
                                    names.add(n.substring(prefix.length(), n.length() - suffix.length()));
                                }
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list schemas/" + folder + " on the class path", e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("bad class path location for schemas/" + folder, e);
            }
            return new ArrayList<>(names);
        }

        @Override
        public List<String> readLines(String relative) {
            try (InputStream in = loader.getResourceAsStream(ROOT + relative)) {
                if (in == null) {
                    throw new IllegalArgumentException("schemas/" + relative + " is not on the class path");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schemas/" + relative, e);
            }
        }
    }
}
