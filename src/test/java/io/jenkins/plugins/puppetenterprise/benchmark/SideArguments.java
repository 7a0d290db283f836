package io.jenkins.plugins.puppetenterprise.benchmark;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the driver hands a side's JVM, in this order: the simulator's Orchestrator URL, its CA file,
 * a file holding a token (never on a command line), the file of plan job names (one a line), where to write the {@link SideResult}, the
 * poll interval and jitter in ms (used by the thread-per-wait side), and when to give up (epoch ms).
 */
record SideArguments(
        String orchestrator,
        Path caFile,
        Path tokenFile,
        Path jobsFile,
        Path resultFile,
        Duration interval,
        Duration jitter,
        long giveUpAtMs) {

    String[] toArgs() {
        return new String[] {
            orchestrator,
            caFile.toString(),
            tokenFile.toString(),
            jobsFile.toString(),
            resultFile.toString(),
            Long.toString(interval.toMillis()),
            Long.toString(jitter.toMillis()),
            Long.toString(giveUpAtMs)
        };
    }

    static SideArguments parse(String[] args) {
        if (args.length != 8) {
            throw new IllegalArgumentException("A side takes 8 arguments (see SideArguments), got " + args.length);
        }
        return new SideArguments(
                args[0],
                Path.of(args[1]),
                Path.of(args[2]),
                Path.of(args[3]),
                Path.of(args[4]),
                Duration.ofMillis(Long.parseLong(args[5])),
                Duration.ofMillis(Long.parseLong(args[6])),
                Long.parseLong(args[7]));
    }
}
