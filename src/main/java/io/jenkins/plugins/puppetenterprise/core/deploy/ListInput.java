package io.jenkins.plugins.puppetenterprise.core.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Lists typed into one text field, such as {@code production, testing}. */
final class ListInput {
    private ListInput() {}

    /** The items of a comma, space or newline separated text; null or blank gives an empty list. */
    static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }
}
