package ca.hotlinetrends.reports.table;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.release.CellStatus;
import ca.hotlinetrends.release.CertificateException;
import ca.hotlinetrends.release.ReleaseCertificate;
import ca.hotlinetrends.reports.ReportException;
import ca.hotlinetrends.schema.CodeList;
import ca.hotlinetrends.schema.SchemaRegistry;
import ca.hotlinetrends.schema.TableSchema;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The published files of one release that the reports use: its certificate and the tables read and checked
 * against their schemas. Nothing else of the warehouse is read. Immutable once read.
 */
public final class PublishedRelease {

    /** The state of one published cell as the public sees it. */
    public enum CellState {
        /** The cell has a value. */
        PUBLISHED,
        /** The cell reads {@code x}. */
        SUPPRESSED,
        /** The row is published but the column is empty (e.g. a change from zero). */
        NOT_AVAILABLE,
        /** No such row in the table. */
        ABSENT
    }

    private final Path folder;
    private final Quarter release;
    private final ReleaseCertificate certificate;
    private final SchemaRegistry schemas;
    private final Map<String, PublishedTable> tables;

    private PublishedRelease(
            Path folder,
            Quarter release,
            ReleaseCertificate certificate,
            SchemaRegistry schemas,
            Map<String, PublishedTable> tables) {
        this.folder = folder;
        this.release = release;
        this.certificate = certificate;
        this.schemas = schemas;
        this.tables = Map.copyOf(tables);
    }

    /**
     * Reads the certificate and the named tables of {@code published/<release>/}.
     *
     * @throws ReportException when the certificate is of another release
     */
    public static PublishedRelease read(
            Path releaseDir, Quarter release, SchemaRegistry schemas, Collection<String> tableNames) {
        Objects.requireNonNull(releaseDir, "releaseDir");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(schemas, "schemas");
        ReleaseCertificate certificate;
        try {
            certificate = ReleaseCertificate.read(releaseDir);
        } catch (CertificateException e) {
            throw new ReportException(e.getMessage(), e);
        }
        if (!certificate.release().equals(release.toString())) {
            throw new ReportException(releaseDir.resolve(ReleaseCertificate.FILE) + " is the certificate of release "
                    + certificate.release() + ", not of " + release);
        }
        Map<String, CodeList> codeLists = new LinkedHashMap<>();
        for (CodeList c : schemas.codeLists()) {
            codeLists.put(c.name(), c);
        }
        Map<String, PublishedTable> tables = new LinkedHashMap<>();
        for (String name : tableNames) {
            tables.put(name, PublishedTable.read(releaseDir, schemas.table(name), codeLists));
        }
        return new PublishedRelease(releaseDir, release, certificate, schemas, tables);
    }

    public Path folder() {
        return folder;
    }

    public Quarter release() {
        return release;
    }

    public ReleaseCertificate certificate() {
        return certificate;
    }

    public SchemaRegistry schemas() {
        return schemas;
    }

    /** The minimum cell count the tables were protected with. */
    public int minCellCount() {
        return certificate.tableProtection().minCellCount();
    }

    public PublishedTable table(String name) {
        PublishedTable t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException(
                    "table " + name + " was not read for release " + release + "; read: " + tables.keySet());
        }
        return t;
    }

    public TableSchema schema(String table) {
        return table(table).schema();
    }

    /** The row holding a cell, when the table has it. */
    public Optional<PublishedTable.Row> row(CellRef cell) {
        return table(cell.table()).find(cell);
    }

    /** Whether a cell is published, suppressed, empty or absent. */
    public CellState state(CellRef cell) {
        Optional<PublishedTable.Row> row = row(cell);
        if (row.isEmpty()) {
            return CellState.ABSENT;
        }
        String v = row.get().text(cell.column());
        return v.equals(CellStatus.MARK)
                ? CellState.SUPPRESSED
                : v.isEmpty() ? CellState.NOT_AVAILABLE : CellState.PUBLISHED;
    }

    /** The published value of a cell; call only when {@link #state} is {@link CellState#PUBLISHED}. */
    public double value(CellRef cell) {
        if (state(cell) != CellState.PUBLISHED) {
            throw new IllegalArgumentException("cell " + cell + " has no published value");
        }
        return row(cell).orElseThrow().number(cell.column()).orElseThrow();
    }
}
