package io.jenkins.plugins.puppetenterprise.core.input;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values that travel as JSON and back into a Pipeline: String, Number, Boolean, null, List and
 * Map with String keys, nothing else. Groovy strings and other character sequences become Strings.
 */
public final class PlainValues {
    private static final int MAX_DEPTH = 32;

    private PlainValues() {}

    /** Thrown with a description of what is not plain; the description never shows the value. */
    public static final class NotPlainException extends Exception {
        private static final long serialVersionUID = 1L;

        NotPlainException(String what) {
            super(what, null, false, false);
        }
    }

    /** A plain, mutable-free copy of {@code value}. */
    public static Object copy(Object value) throws NotPlainException {
        return copy(value, 0);
    }

    private static Object copy(Object value, int depth) throws NotPlainException {
        if (depth > MAX_DEPTH) {
            throw new NotPlainException("it is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new NotPlainException("it holds a number that is not finite (NaN or infinity)");
            }
            return d;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(copy(item, depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof CharSequence)) {
                    throw new NotPlainException(
                            "it holds a map key of type " + typeName(e.getKey()) + " (keys must be strings)");
                }
                out.put(e.getKey().toString(), copy(e.getValue(), depth + 1));
            }
            return Collections.unmodifiableMap(out);
        }
        throw new NotPlainException("it holds a value of type " + typeName(value));
    }

    private static String typeName(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }
}
