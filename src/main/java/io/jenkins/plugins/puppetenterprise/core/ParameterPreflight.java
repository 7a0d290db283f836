package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.client.job.TaskMetadata;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanMetadata;
import io.jenkins.plugins.puppetenterprise.core.input.InputProblem;
import io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pre-flight of a plan run or task run: the names of the parameters given, checked against
 * the plan's or task's metadata, which the core reads anyway before the POST (for the Sensitive
 * mask of a plan run, for noop and the mask of a task). It refuses, naming the field {@code
 * parameters}, the parameter and the fix, a name the plan or task does not declare and a missing
 * parameter that must be given: no default and a core Puppet type that does not accept undef
 * ({@link #need}). A missing parameter whose type it cannot judge (a type alias such as {@code
 * Stdlib::Port}, which may accept undef) only gets a warning. Metadata without a {@code
 * parameters} object says nothing, so nothing is checked.
 */
public final class ParameterPreflight {
    /** Whether a parameter without a default must be given, as far as its Puppet type tells. */
    public enum Need {
        /** A core type that does not accept undef, such as {@code String[1]} or {@code TargetSpec}. */
        REQUIRED,
        /** The type accepts undef ({@code Optional[...]}, {@code Any}, an untyped parameter...). */
        OPTIONAL,
        /** A type alias or a type the plugin does not judge: PE decides. */
        CANNOT_JUDGE
    }

    /** One parameter as the metadata declares it; {@code type} is null when the metadata gives none. */
    public record Declared(String name, String type, boolean hasDefault) {}

    /** What the check found: each problem refuses the run; each warning is a log line and the run goes on. */
    public record Findings(List<InputProblem> problems, List<String> warnings) {
        public Findings {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        public boolean refuses() {
            return !problems.isEmpty();
        }
    }

    /** Core types whose values are never undef, with or without parameters ({@code String[1]}, {@code Array[String]}). */
    private static final Set<String> CORE_TYPES = Set.of(
            "String",
            "Integer",
            "Float",
            "Numeric",
            "Boolean",
            "Array",
            "Hash",
            "Tuple",
            "Struct",
            "Enum",
            "Pattern",
            "Regexp",
            "Scalar",
            "ScalarData",
            "Collection",
            "Timespan",
            "Timestamp",
            "SemVer",
            "SemVerRange",
            "TargetSpec",
            "Boltlib::TargetSpec",
            "Target",
            "NotUndef");
    /** Core types that accept undef. */
    private static final Set<String> UNDEF_TYPES = Set.of("Optional", "Any", "Undef", "Data", "RichData");

    private final String what;
    private final boolean declaresParameters;
    private final Map<String, Declared> declared;

    /**
     * @param what the plan or task as the words name it, for example {@code plan mymodule::deploy}
     * @param declaresParameters false when the metadata says nothing about parameters
     */
    public ParameterPreflight(String what, boolean declaresParameters, Collection<Declared> declared) {
        this.what = what;
        this.declaresParameters = declaresParameters;
        this.declared = new LinkedHashMap<>();
        declared.forEach(d -> this.declared.put(d.name(), d));
    }

    /** The pre-flight of plan {@code plan}'s run. */
    public static ParameterPreflight of(String plan, PlanMetadata metadata) {
        List<Declared> declared = new ArrayList<>();
        metadata.parameters().values().forEach(p -> declared.add(new Declared(p.name(), p.type(), p.hasDefault())));
        return new ParameterPreflight("plan " + plan, metadata.parametersDeclared(), declared);
    }

    /** The pre-flight of task {@code task}'s run. */
    public static ParameterPreflight of(String task, TaskMetadata metadata) {
        List<Declared> declared = new ArrayList<>();
        metadata.parameters().forEach((name, p) -> declared.add(new Declared(name, p.type(), p.hasDefault())));
        return new ParameterPreflight("task " + task, metadata.parametersDeclared(), declared);
    }

    /** Checks the names of the parameters given (values play no part). */
    public Findings check(Collection<String> given) {
        List<InputProblem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!declaresParameters) {
            return new Findings(problems, warnings);
        }
        for (String name : given) {
            if (!declared.containsKey(name)) {
                problems.add(new InputProblem(
                        "parameters",
                        "'" + name + "' is not a parameter of " + what + ": "
                                + (declared.isEmpty()
                                        ? "it takes no parameters; remove it"
                                        : "its parameters are " + String.join(", ", declared.keySet())
                                                + "; correct the name or remove it")));
            }
        }
        for (Declared d : declared.values()) {
            if (d.hasDefault() || given.contains(d.name())) {
                continue;
            }
            Need need = need(d.type());
            if (need == Need.REQUIRED) {
                problems.add(new InputProblem(
                        "parameters",
                        "'" + d.name() + "' is required by " + what + " (type "
                                + d.type().strip() + ", no default) but not given: add a value for " + d.name()));
            } else if (need == Need.CANNOT_JUDGE) {
                warnings.add("Warning: parameters: '" + d.name() + "' of " + what + " is not given and has no default;"
                        + " its type " + d.type().strip() + " may or may not accept undef (the plugin does not"
                        + " judge type aliases), so PE decides: if the run fails because '" + d.name()
                        + "' has no value, add a value for it.");
            }
        }
        return new Findings(problems, warnings);
    }

    /**
     * The words of a refused run: {@code work} (such as {@code Plan mymodule::deploy}) was not
     * started, then each problem as {@code parameters: ...}, as {@link InvalidInputException} says them.
     */
    public static String refusal(String work, Findings findings) {
        return work + " was not started: its parameters do not match its metadata in PE. "
                + String.join(
                        "; ",
                        findings.problems().stream().map(InputProblem::toString).toList()) + ".";
    }

    /**
     * Whether a parameter of Puppet type {@code type} without a default must be given: {@link
     * Need#REQUIRED} for the core types that never hold undef, also with parameters ({@code
     * String[1]}, {@code Array[String]}, {@code Sensitive[String]}, a {@code Variant} of such types);
     * {@link Need#OPTIONAL} for {@code Optional[...]}, {@code Any}, {@code Undef}, {@code Data},
     * untyped and a {@code Variant} with one of them; {@link Need#CANNOT_JUDGE} for anything else,
     * type aliases first.
     */
    public static Need need(String type) {
        if (type == null || type.isBlank()) {
            return Need.OPTIONAL;
        }
        String t = type.strip();
        int open = t.indexOf('[');
        String base = (open < 0 ? t : t.substring(0, open)).strip();
        if (open >= 0 && !t.endsWith("]")) {
            return Need.CANNOT_JUDGE;
        }
        String args = open < 0 ? "" : t.substring(open + 1, t.length() - 1).strip();
        if (UNDEF_TYPES.contains(base)) {
            return Need.OPTIONAL;
        }
        if (base.equals("Sensitive")) {
            // undef is not Sensitive; but an Optional or an alias inside is not worth guessing about
            return args.isEmpty() || need(args) == Need.REQUIRED ? Need.REQUIRED : Need.CANNOT_JUDGE;
        }
        if (base.equals("Variant")) {
            List<String> members = topLevelMembers(args);
            if (members == null || members.stream().anyMatch(String::isEmpty)) {
                return Need.CANNOT_JUDGE;
            }
            boolean allRequired = true;
            for (String member : members) {
                Need memberNeed = need(member);
                if (memberNeed == Need.OPTIONAL) {
                    return Need.OPTIONAL;
                }
                allRequired &= memberNeed == Need.REQUIRED;
            }
            return allRequired ? Need.REQUIRED : Need.CANNOT_JUDGE;
        }
        return CORE_TYPES.contains(base) ? Need.REQUIRED : Need.CANNOT_JUDGE;
    }

    /** The comma-separated members of a type's parameters, outside brackets and quotes; null when unbalanced. */
    private static List<String> topLevelMembers(String args) {
        List<String> members = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            char before = previousNonSpace(args, i);
            if (c == '\'' || c == '"' || (c == '/' && (before == '[' || before == ',' || before == 0))) {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth < 0) {
                    return null;
                }
            } else if (c == ',' && depth == 0) {
                members.add(args.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (depth != 0 || quote != 0) {
            return null;
        }
        members.add(args.substring(start).strip());
        return members;
    }

    private static char previousNonSpace(String s, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (!Character.isWhitespace(s.charAt(j))) {
                return s.charAt(j);
            }
        }
        return 0;
    }
}
