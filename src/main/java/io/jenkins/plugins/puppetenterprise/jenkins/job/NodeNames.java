package io.jenkins.plugins.puppetenterprise.jenkins.job;

import java.util.ArrayList;
import java.util.List;

/**
 * Certnames as forms and Pipelines give them: a Pipeline passes a list, a form one text with names
 * on lines or separated by commas (Stapler hands it over as a one-element list). Spaces are not
 * separators, so a name with a space reaches the core, which refuses it naming the field. Blank entries are no
 * names: an empty Nodes field arrives as one empty string, and must leave a query or node group the only scope.
 */
final class NodeNames {
    private NodeNames() {}

    static List<String> split(List<String> given) {
        List<String> names = new ArrayList<>();
        if (given == null) {
            return names;
        }
        for (String entry : given) {
            if (entry == null) {
                names.add(null);
                continue;
            }
            for (String name : entry.split("[,\\r\\n]+")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }
}
