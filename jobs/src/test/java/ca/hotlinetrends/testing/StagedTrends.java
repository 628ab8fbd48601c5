package ca.hotlinetrends.testing;

import ca.hotlinetrends.calendar.Quarter;
import ca.hotlinetrends.publish.StagedRelease;
import ca.hotlinetrends.trends.TrendsJob;
import ca.hotlinetrends.trends.TrendsResult;
import ca.hotlinetrends.warehouse.Warehouse;

/** Runs the trends stage as the {@code trends} command does: into a staged copy of the release, then published. */
public final class StagedTrends {

    private StagedTrends() {}

    /** Publishes {@code release}'s tables with {@code job}; nothing is published when it throws. */
    public static TrendsResult publish(TrendsJob job, Warehouse warehouse, Quarter release, String runId) {
        try (StagedRelease staging = StagedRelease.openCopy(warehouse, release, runId)) {
            TrendsResult r = job.run(release, runId, staging);
            staging.publish(runId);
            return r;
        }
    }
}
