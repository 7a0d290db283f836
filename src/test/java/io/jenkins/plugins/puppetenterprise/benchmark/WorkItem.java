package io.jenkins.plugins.puppetenterprise.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One submitted piece of work a side waits for, as a line of the work file: {@code plan <name>
 * <credential>}, {@code deploy <id> <environment> <accepted on PE's clock, epoch ms, or -> <credential>}
 * or {@code job <name> <environment> <nodes asked for> <credential>} (a Puppet run), the credential
 * being the index of the side's token file.
 */
record WorkItem(Kind kind, String name, String environment, Long acceptedMs, int nodes, int credential) {

    enum Kind {
        PLAN,
        DEPLOY,
        JOB;

        /** How the work file and the simulator's finish file name it. */
        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT));
        }
    }

    static WorkItem plan(String name, int credential) {
        return new WorkItem(Kind.PLAN, name, null, null, 0, credential);
    }

    static WorkItem deploy(long id, String environment, Long acceptedMs, int credential) {
        return new WorkItem(Kind.DEPLOY, Long.toString(id), environment, acceptedMs, 0, credential);
    }

    static WorkItem puppetRun(String name, String environment, int nodes, int credential) {
        return new WorkItem(Kind.JOB, name, environment, null, nodes, credential);
    }

    boolean plan() {
        return kind == Kind.PLAN;
    }

    /**
     * How the side's result, the journal and the finish file name it: a plan job's name, {@code
     * deploy-<id>}, {@code job-<name>} (plan jobs and Puppet-run jobs are numbered apart, but the
     * key does not rely on it).
     */
    String key() {
        return key(kind, name);
    }

    static String key(Kind kind, String name) {
        return kind == Kind.PLAN ? name : kind.word() + "-" + name;
    }

    String line() {
        return switch (kind) {
            case PLAN -> "plan " + name + " " + credential;
            case DEPLOY ->
                "deploy " + name + " " + environment + " " + (acceptedMs == null ? "-" : acceptedMs) + " " + credential;
            case JOB -> "job " + name + " " + environment + " " + nodes + " " + credential;
        };
    }

    static void write(Path file, List<WorkItem> items) throws IOException {
        Files.write(file, items.stream().map(WorkItem::line).toList());
    }

    static List<WorkItem> read(Path file) throws IOException {
        List<WorkItem> items = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ");
            items.add(
                    switch (Kind.of(f[0])) {
                        case PLAN -> plan(f[1], Integer.parseInt(f[2]));
                        case DEPLOY ->
                            deploy(
                                    Long.parseLong(f[1]),
                                    f[2],
                                    f[3].equals("-") ? null : Long.parseLong(f[3]),
                                    Integer.parseInt(f[4]));
                        case JOB -> puppetRun(f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]));
                    });
        }
        return items;
    }
}
