package io.jenkins.plugins.puppetenterprise.core.forms;

import io.jenkins.plugins.puppetenterprise.client.PeApiException;
import io.jenkins.plugins.puppetenterprise.client.PeErrorKind;
import io.jenkins.plugins.puppetenterprise.client.PeTlsException;
import io.jenkins.plugins.puppetenterprise.client.job.TaskList;
import io.jenkins.plugins.puppetenterprise.client.job.TaskMetadata;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanList;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanMetadata;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanParameterInfo;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanSummary;
import io.jenkins.plugins.puppetenterprise.core.ParameterPreflight;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * What a form shows from PE's metadata: the names its pickers offer and the words of its checks.
 * Every check only advises: a name PE does not list is a warning (the build decides), and when PE
 * cannot be asked the check says so in one sentence of the plugin's own words, never PE's body.
 * Whether a parameter must be given is judged as the run-time pre-flight judges it ({@link
 * ParameterPreflight#need}).
 */
public final class FormAdvice {
    /** Longest Puppet type shown in a parameter's words; longer ones are cut. */
    static final int TYPE_SHOWN = 80;

    /** A check's result: OK with or without words, or a warning. */
    public record Advice(boolean warning, String text) {
        public static final Advice NONE = new Advice(false, "");

        public static Advice ok(String text) {
            return new Advice(false, text);
        }

        public static Advice warn(String text) {
            return new Advice(true, text);
        }
    }

    private FormAdvice() {}

    // --- pickers ---

    /** The plans the credential's PE user may run, sorted: what the plan picker offers. */
    public static List<String> planNames(PlanList plans) {
        TreeSet<String> names = new TreeSet<>();
        for (PlanSummary plan : plans.items()) {
            if (plan.permitted() && plan.name() != null && !plan.name().isBlank()) {
                names.add(plan.name());
            }
        }
        return List.copyOf(names);
    }

    /** Every task of the environment, sorted (tasks have no permitted flag). */
    public static List<String> taskNames(TaskList tasks) {
        return List.copyOf(new TreeSet<>(tasks.names()));
    }

    /** The plan's parameters in the order the plan declares them. */
    public static List<String> parameterNames(PlanMetadata plan) {
        return List.copyOf(plan.parameters().keySet());
    }

    /** The task's parameters in the order its metadata declares them. */
    public static List<String> parameterNames(TaskMetadata task) {
        return List.copyOf(task.parameters().keySet());
    }

    // --- checks ---

    /** Whether PE lists the plan in the environment, and whether the credential's user may run it. */
    public static Advice plan(String plan, PlanList plans) {
        Optional<PlanSummary> listed =
                plans.items().stream().filter(p -> plan.equals(p.name())).findFirst();
        if (listed.isEmpty()) {
            return Advice.warn("PE lists no plan " + plan + " in environment " + plans.environment()
                    + ": check the name and the environment, and that the module is deployed there");
        }
        if (!listed.get().permitted()) {
            return Advice.warn("The credential's PE user may not run plan " + plan + " in environment "
                    + plans.environment() + ": grant it in PE (Access control, User roles, Plans)");
        }
        return Advice.NONE;
    }

    /** Whether PE lists the task in the environment. */
    public static Advice task(String task, TaskList tasks) {
        if (tasks.names().contains(task)) {
            return Advice.NONE;
        }
        return Advice.warn("PE lists no task " + task + " in environment " + tasks.environment()
                + ": check the name and the environment, and that the module is deployed there");
    }

    /** A plan parameter row's name: its type and whether it must be given, or a warning when the plan has no such parameter. */
    public static Advice planParameter(String name, String plan, PlanMetadata metadata) {
        if (name == null || name.isBlank() || !metadata.parametersDeclared()) {
            return Advice.NONE;
        }
        PlanParameterInfo p = metadata.parameters().get(name.strip());
        if (p == null) {
            return Advice.warn(notAParameter(name.strip(), "plan " + plan, metadata.parameters()));
        }
        return Advice.ok(describe(p.type(), p.hasDefault(), p.sensitive()));
    }

    /** A task parameter row's name: its type and whether it must be given, or a warning when the task has no such parameter. */
    public static Advice taskParameter(String name, String task, TaskMetadata metadata) {
        if (name == null || name.isBlank() || !metadata.parametersDeclared()) {
            return Advice.NONE;
        }
        TaskMetadata.Parameter p = metadata.parameters().get(name.strip());
        if (p == null) {
            return Advice.warn(notAParameter(name.strip(), "task " + task, metadata.parameters()));
        }
        return Advice.ok(describe(p.type(), p.hasDefault(), p.sensitive()));
    }

    /** A warning when noop is asked of a task that does not support it (PE refuses such a run). */
    public static Advice noop(boolean noop, String task, TaskMetadata metadata) {
        if (!noop || metadata.supportsNoop()) {
            return Advice.NONE;
        }
        return Advice.warn("Task " + task + " does not support noop: PE refuses to run it in noop mode");
    }

    /**
     * A parameter in words, such as {@code Integer, required}, {@code Optional[String], optional},
     * {@code String, optional: has a default} or {@code Stdlib::Port, required unless the type
     * accepts undef}; {@code , sensitive} follows for sensitive ones. Default values are never shown.
     */
    public static String describe(String type, boolean hasDefault, boolean sensitive) {
        String shown = type == null || type.isBlank() ? "untyped" : type.strip();
        if (shown.length() > TYPE_SHOWN) {
            shown = shown.substring(0, TYPE_SHOWN) + "…";
        }
        String need;
        if (hasDefault) {
            need = "optional: has a default";
        } else {
            need = switch (ParameterPreflight.need(type)) {
                case REQUIRED -> "required";
                case OPTIONAL -> "optional";
                case CANNOT_JUDGE -> "required unless the type accepts undef";
            };
        }
        return shown + ", " + need + (sensitive ? ", sensitive" : "");
    }

    /**
     * The one sentence a check shows when PE could not be asked: the plugin's words for the kind of
     * failure (from its table of PE's error kinds), never PE's own message or body.
     */
    public static String unavailable(Throwable failure) {
        return "Not checked against PE: " + reason(unwrap(failure));
    }

    private static String reason(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "PE did not answer in time.";
        }
        if (failure instanceof PeTlsException) {
            return "PE could not be reached over trusted TLS.";
        }
        if (failure instanceof PeApiException api) {
            PeErrorKind kind = PeErrorKind.of(api.kind());
            if (kind != null) {
                return kind.meaning();
            }
            return api.status() == 0 ? "PE could not be reached." : "PE answered HTTP " + api.status() + ".";
        }
        if (failure instanceof IllegalArgumentException) {
            // the client's own words about the name given (it is refused before any request)
            return failure.getMessage() + ".";
        }
        return "PE could not be asked.";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String notAParameter(String name, String what, Map<String, ?> declared) {
        return "'" + name + "' is not a parameter of " + what + ": "
                + (declared.isEmpty()
                        ? "it takes no parameters"
                        : "its parameters are " + String.join(", ", declared.keySet()));
    }
}
