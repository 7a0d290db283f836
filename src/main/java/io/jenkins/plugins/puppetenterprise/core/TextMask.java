package io.jenkins.plugins.puppetenterprise.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hides the values of sensitive plan and task parameters in text that PE sends back (error
 * messages, plan output, node results), should the work or PE echo one. It lives in memory only,
 * like the values themselves: a watch resumed after a restart masks only the values its front end
 * can find again (Pipeline's sensitive variables, such as credentials bound around the step).
 */
public final class TextMask {
    /** Masks nothing. */
    public static final TextMask NONE = new TextMask(List.of());

    static final String MASK = "****";
    // Shorter values would mask ordinary words and numbers all over the log.
    private static final int MIN_LENGTH = 3;

    private final List<String> secrets;

    private TextMask(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A mask of these values (blank and very short ones are ignored); longest first. */
    public static TextMask of(Set<String> values) {
        TreeSet<String> sorted =
                new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));
        values.stream()
                .filter(v -> v != null && v.strip().length() >= MIN_LENGTH)
                .forEach(sorted::add);
        return sorted.isEmpty() ? NONE : new TextMask(List.copyOf(sorted));
    }

    /**
     * A mask of the values of the parameters named {@code sensitive}, or of all parameters when
     * {@code sensitive} is null (unknown: fail closed). Strings, numbers and booleans inside lists
     * and maps count too.
     */
    public static TextMask ofParameters(Map<String, ?> parameters, Collection<String> sensitive) {
        Set<String> values = new HashSet<>();
        parameters.forEach((name, value) -> {
            if (sensitive == null || sensitive.contains(name)) {
                collectStrings(value, values);
            }
        });
        return of(values);
    }

    private static void collectStrings(Object value, Set<String> into) {
        if (value instanceof String s) {
            into.add(s);
        } else if (value instanceof Number || value instanceof Boolean) {
            into.add(value.toString());
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectStrings(v, into));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectStrings(v, into));
        }
    }

    public String apply(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    /** A copy of plain values (String, Number, Boolean, List, Map) with every string masked. */
    public Object applyToPlain(Object plain) {
        if (secrets.isEmpty()) {
            return plain;
        }
        if (plain instanceof String text) {
            return apply(text);
        }
        if (plain instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(applyToPlain(v)));
            return copy;
        }
        if (plain instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, applyToPlain(v)));
            return copy;
        }
        return plain;
    }

    /** Hides the count as well as the values. */
    @Override
    public String toString() {
        return secrets.isEmpty() ? "TextMask[none]" : "TextMask[active]";
    }
}
