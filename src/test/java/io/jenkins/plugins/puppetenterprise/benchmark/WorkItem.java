package io.jenkins.plugins.puppetenterprise.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One submitted piece of work a side waits for, as a line of the work file: {@code plan <name>
 * <credential>} or {@code deploy <id> <environment> <accepted on PE's clock, epoch ms, or -> <credential>},
 * the credential being the index of the side's token file.
 */
record WorkItem(boolean plan, String name, String environment, Long acceptedMs, int credential) {

    static WorkItem plan(String name, int credential) {
        return new WorkItem(true, name, null, null, credential);
    }

    static WorkItem deploy(long id, String environment, Long acceptedMs, int credential) {
        return new WorkItem(false, Long.toString(id), environment, acceptedMs, credential);
    }

    /** How the side's result, the journal and the finish file name it: a plan job's name, {@code deploy-<id>}. */
    String key() {
        return key(plan, name);
    }

    static String key(boolean plan, String name) {
        return plan ? name : "deploy-" + name;
    }

    String line() {
        return plan
                ? "plan " + name + " " + credential
                : "deploy " + name + " " + environment + " " + (acceptedMs == null ? "-" : acceptedMs) + " "
                        + credential;
    }

    static void write(Path file, List<WorkItem> items) throws IOException {
        Files.write(file, items.stream().map(WorkItem::line).toList());
    }

    static List<WorkItem> read(Path file) throws IOException {
        List<WorkItem> items = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ");
            items.add(
                    f[0].equals("plan")
                            ? plan(f[1], Integer.parseInt(f[2]))
                            : deploy(
                                    Long.parseLong(f[1]),
                                    f[2],
                                    f[3].equals("-") ? null : Long.parseLong(f[3]),
                                    Integer.parseInt(f[4])));
        }
        return items;
    }
}
