package io.jenkins.plugins.puppetenterprise.client.job;

import java.util.List;

/**
 * {@code GET /tasks}: the names of the tasks of one environment (a module's init task is just the
 * module's name). Tasks carry no {@code permitted} flag: PE decides when a task is run.
 */
public record TaskList(String environment, List<String> names) {
    public TaskList {
        names = List.copyOf(names);
    }
}
