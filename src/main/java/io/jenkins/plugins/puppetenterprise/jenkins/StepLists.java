package io.jenkins.plugins.puppetenterprise.jenkins;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists of names (environments, modules) as forms and Pipelines give them: a Pipeline passes a
 * list, a form field one text with names separated by commas, spaces or new lines, which Stapler
 * hands over as a one-element list. Both end up as one name per element.
 */
public final class StepLists {
    private StepLists() {}

    public static List<String> names(List<String> given) {
        List<String> names = new ArrayList<>();
        if (given != null) {
            for (String entry : given) {
                if (entry == null) {
                    names.add(null);
                    continue;
                }
                for (String name : entry.split("[,\\s]+")) {
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /** The form's text for a list: one name per line. */
    public static String text(List<String> names) {
        return names == null ? "" : String.join("\n", names);
    }
}
