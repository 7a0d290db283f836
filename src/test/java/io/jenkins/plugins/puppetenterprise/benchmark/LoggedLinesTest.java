package io.jenkins.plugins.puppetenterprise.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a side keeps of a build log: benchmark line times and lines logged twice. */
class LoggedLinesTest {
    @Test
    void recordsWhenEachBenchmarkLineCameAndCountsLinesLoggedTwiceButNotPeAvailability() {
        LoggedLines lines = new LoggedLines();
        lines.log("[plan] benchmark line 2", 20);
        lines.log("PE does not answer at the moment (other builds' requests to it failed); still waiting.", 21);
        lines.log("PE answers again; still waiting for plan benchmark::job.", 22);
        lines.log("PE does not answer at the moment (other builds' requests to it failed); still waiting.", 23);
        lines.log("PE answers again; still waiting for plan benchmark::job.", 24);
        lines.log("[plan] benchmark line 1", 25);
        lines.log("[plan] benchmark line 2", 26);

        assertThat(lines.benchmarkLineMs()).containsExactly(25, 20, 0);
        assertThat(lines.repeated()).isEqualTo(1);
        assertThat(lines.firstRepeated()).isEqualTo("[plan] benchmark line 2");
    }
}
