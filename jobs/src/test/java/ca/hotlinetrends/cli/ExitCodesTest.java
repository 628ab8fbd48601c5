package ca.hotlinetrends.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.hotlinetrends.reports.leak.ChartLeakException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How failures map to exit codes where the failure is wrapped before it reaches the command line. */
class ExitCodesTest {

    @Test
    void aChartLeak_isFoundThroughTheWrappersOfParallelRendering() {
        ChartLeakException leak = new ChartLeakException("cases-by-type", "a stacked total shows a suppressed value");
        assertThat(HotlineTrends.chartLeak(new CompletionException(new RuntimeException(leak))))
                .isSameAs(leak);
        assertThat(HotlineTrends.chartLeak(leak)).isSameAs(leak);
        assertThat(HotlineTrends.chartLeak(new IllegalStateException("other"))).isNull();
    }
}
