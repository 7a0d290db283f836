package io.jenkins.plugins.puppetenterprise.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the driver hands a side's JVM, in this order: how the side waits ({@link CoreWatcherSide}'s
 * modes; ignored by the thread-per-wait side), the simulator's Orchestrator and Code Manager URLs,
 * its CA file, the files holding one token each (never on a command line; a work item names its
 * credential by index), the work file ({@link WorkItem}, one a line), where to write the
 * {@link SideResult}, the poll interval and jitter in ms (used by the thread-per-wait side), and
 * when to give up (epoch ms).
 */
record SideArguments(
        String mode,
        String orchestrator,
        String codeManager,
        Path caFile,
        List<Path> tokenFiles,
        Path workFile,
        Path resultFile,
        Duration interval,
        Duration jitter,
        long giveUpAtMs) {

    String[] toArgs() {
        return new String[] {
            mode,
            orchestrator,
            codeManager,
            caFile.toString(),
            tokenFiles.stream().map(Path::toString).collect(Collectors.joining(",")),
            workFile.toString(),
            resultFile.toString(),
            Long.toString(interval.toMillis()),
            Long.toString(jitter.toMillis()),
            Long.toString(giveUpAtMs)
        };
    }

    static SideArguments parse(String[] args) {
        if (args.length != 10) {
            throw new IllegalArgumentException("A side takes 10 arguments (see SideArguments), got " + args.length);
        }
        return new SideArguments(
                args[0],
                args[1],
                args[2],
                Path.of(args[3]),
                Arrays.stream(args[4].split(",")).map(Path::of).toList(),
                Path.of(args[5]),
                Path.of(args[6]),
                Duration.ofMillis(Long.parseLong(args[7])),
                Duration.ofMillis(Long.parseLong(args[8])),
                Long.parseLong(args[9]));
    }
}
