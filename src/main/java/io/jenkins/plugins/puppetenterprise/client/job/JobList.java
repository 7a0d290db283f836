package io.jenkins.plugins.puppetenterprise.client.job;

import java.util.List;

/** A page of {@code GET /jobs}; {@code total} is null when PE sent none (releases before 2021.7 send null for 0). */
public record JobList(List<Job> items, Long total) {
    public JobList {
        items = List.copyOf(items);
    }
}
