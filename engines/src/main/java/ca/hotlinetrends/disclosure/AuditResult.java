package ca.hotlinetrends.disclosure;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of an {@link AttackerAudit}: one {@link CellAudit} per suppressed cell (auxiliary cells, which no one publishes or protects, excluded), in ascending id
 * order, and the number of LPs solved to get them. Immutable.
 *
 * @param cells            one entry per suppressed cell, ascending by id
 * @param lpsSolved        number of linear programs solved, {@code >= 0}
 * @param integerPrograms  number of integer programs solved (bounds whose LP vertex was fractional), {@code >= 0}
 */
public record AuditResult(List<CellAudit> cells, int lpsSolved, int integerPrograms) {

    /** A result without integer programs. */
    public AuditResult(List<CellAudit> cells, int lpsSolved) {
        this(cells, lpsSolved, 0);
    }

    public AuditResult {
        cells = List.copyOf(Objects.requireNonNull(cells, "cells"));
        if (lpsSolved < 0) {
            throw new IllegalArgumentException("lpsSolved must be >= 0. Provided value: " + lpsSolved);
        }
        for (int k = 1; k < cells.size(); k++) {
            if (cells.get(k - 1).cellId().compareTo(cells.get(k).cellId()) >= 0) {
                throw new IllegalArgumentException("cell audits must be in strictly ascending id order; '"
                        + cells.get(k).cellId() + "' follows '"
                        + cells.get(k - 1).cellId() + "'");
            }
        }
    }

    /** Whether every sensitive suppressed cell is protected. */
    public boolean passed() {
        return cells.stream().allMatch(CellAudit::passed);
    }

    /** The cells that are not protected well enough, ascending by id. */
    public List<CellAudit> failures() {
        return cells.stream().filter(c -> !c.passed()).toList();
    }

    /** The ids of {@link #failures()}. */
    public List<String> failedCellIds() {
        return cells.stream().filter(c -> !c.passed()).map(CellAudit::cellId).toList();
    }

    /** The smallest {@link CellAudit#width()} over sensitive cells; {@code +Infinity} if there are none. */
    public double narrowestRangeOfAnySuppressedCell() {
        return cells.stream().mapToDouble(CellAudit::width).min().orElse(Double.POSITIVE_INFINITY);
    }

    public double narrowestRange() {
        return cells.stream()
                .filter(CellAudit::sensitive)
                .mapToDouble(CellAudit::width)
                .min()
                .orElse(Double.POSITIVE_INFINITY);
    }

    /** The audit of one cell. */
    public CellAudit cell(String cellId) {
        return cells.stream()
                .filter(c -> c.cellId().equals(cellId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "cell '" + cellId + "' was not audited " + "(it is not suppressed)"));
    }
}
