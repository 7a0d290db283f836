package io.jenkins.plugins.puppetenterprise.core.input;

import java.util.Objects;

/**
 * One thing wrong with what a user entered: the field as the step, builder or configuration form
 * names it, and a sentence that says what is wrong and how to fix it.
 */
public final class InputProblem {
    private final String field;
    private final String message;

    public InputProblem(String field, String message) {
        this.field = Objects.requireNonNull(field, "field");
        this.message = Objects.requireNonNull(message, "message");
    }

    /** The field's name as users write it, for example {@code environments} or {@code caCertificates}. */
    public String field() {
        return field;
    }

    /** What is wrong and how to fix it, without the field name. */
    public String message() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputProblem other && field.equals(other.field) && message.equals(other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, message);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
