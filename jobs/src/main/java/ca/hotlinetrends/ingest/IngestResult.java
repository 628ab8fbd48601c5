package ca.hotlinetrends.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an ingest run did. {@code read == staged + quarantined} always holds.
 *
 * @param runId the run
 * @param dataset the dataset ingested
 * @param read records read
 * @param staged records staged
 * @param quarantinedByReason records quarantined, by reason code
 * @param quartersTouched quarters whose staged data this run replaced
 * @param revisions quarters already covered by a published release whose content changed
 * @param manifest the run manifest
 * @param thresholdExceeded true when the quarantined share exceeded the configured threshold
 */
public record IngestResult(
        String runId,
        String dataset,
        long read,
        long staged,
        Map<String, Long> quarantinedByReason,
        List<String> quartersTouched,
        List<String> revisions,
        Path manifest,
        boolean thresholdExceeded) {

    public IngestResult {
        quarantinedByReason = Map.copyOf(quarantinedByReason);
        quartersTouched = List.copyOf(quartersTouched);
        revisions = List.copyOf(revisions);
        if (read != staged + quarantined(quarantinedByReason)) {
            throw new IllegalStateException("ingest counts do not add up: read " + read + ", staged " + staged
                    + ", quarantined " + quarantined(quarantinedByReason));
        }
    }

    private static long quarantined(Map<String, Long> byReason) {
        return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long quarantined() {
        return quarantined(quarantinedByReason);
    }
}
