package io.jenkins.plugins.puppetenterprise.jenkins.job;

import io.jenkins.plugins.puppetenterprise.core.input.InputProblem;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Certnames as forms and Pipelines give them, by one rule:
 *
 * <ul>
 *   <li>One element (a form's text, which Stapler hands over as a one-element list, or a Pipeline
 *       list of one): names on lines or separated by commas. Blank pieces between separators (blank
 *       lines, a trailing comma) are ignored, and a blank text is no nodes at all, so that a query or
 *       node group can be the scope.
 *   <li>More than one element (a Pipeline list): each element is an entry, which may itself hold
 *       names separated by commas or lines (blank pieces ignored as above). An entry that is empty or
 *       only whitespace is refused when the step runs, naming the field and the entry: in a list it
 *       is a mistake (a variable that came out empty), not a separator.
 * </ul>
 *
 * Spaces are not separators, so a name with a space reaches the core, which refuses it naming the
 * field, as it refuses anything that can never be a certname.
 */
final class NodeNames {
    private NodeNames() {}

    /**
     * What a setter keeps: one text as its names, a list as given, so that its blank entries are
     * still there, with their numbers, when {@link #certnames} checks them.
     */
    static List<String> entries(List<String> given) {
        if (given == null) {
            return new ArrayList<>();
        }
        return given.size() == 1 ? pieces(given.get(0)) : new ArrayList<>(given);
    }

    /**
     * The certnames to hand to the core, which checks each one; a null entry is kept for the core to
     * refuse as not text.
     *
     * @throws InvalidInputException naming {@code nodes} and each blank entry of a list
     */
    static List<String> certnames(List<String> given) {
        if (given == null) {
            return new ArrayList<>();
        }
        if (given.size() == 1) {
            return pieces(given.get(0));
        }
        List<String> names = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String entry = given.get(i);
            if (entry != null && entry.isBlank()) {
                // the core's words for an empty certname, with the entry's number in the user's list
                problems.add(new InputProblem(
                        "nodes", "entry " + (i + 1) + " is empty: remove it or write the node's certname"));
            } else {
                names.addAll(pieces(entry));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return names;
    }

    /** The names in one text; blank pieces are no names. */
    private static List<String> pieces(String text) {
        List<String> names = new ArrayList<>();
        if (text == null) {
            names.add(null);
            return names;
        }
        for (String name : text.split("[,\\r\\n]+")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }
}
