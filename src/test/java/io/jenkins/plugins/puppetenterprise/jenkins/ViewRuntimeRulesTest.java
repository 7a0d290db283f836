package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeploySettings;
import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployStep;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Offline guards for what compiles but breaks in a real Jenkins (../shared/jenkins-runtime-rules.md):
 * labels Stapler cannot parse, getters commons-jexl cannot call, repeatable lists without a delete
 * button, and build steps whose own help is never shown.
 */
class ViewRuntimeRulesTest {
    /** Stapler reads everything from a '(' as message arguments, and loops on an unclosed quote. */
    private static final Pattern LITERAL = Pattern.compile("\\$\\{%([^}]*)}");

    private static final Pattern SAFE_LITERAL = Pattern.compile("[A-Za-z0-9 .,:-]*");
    private static final Pattern VALIDATE_BUTTON =
            Pattern.compile("<f:validateButton[^>]*?method=\"(\\w+)\"[^>]*?with=\"([^\"]*)\"", Pattern.DOTALL);
    private static final Pattern QUERY_PARAMETER =
            Pattern.compile("@QueryParameter(?:\\(\"(\\w+)\"\\))?\\s+(?:final\\s+)?[\\w.<>]+\\s+(\\w+)");
    private static final Pattern VIEW_PROPERTY = Pattern.compile("\\$\\{(instance|descriptor|it)\\.([A-Za-z]\\w*)");

    @Test
    void labelsHoldOnlyCharactersStaplerReadsAsText() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path view : GlueSources.files(GlueSources.resources(), ".jelly")) {
            Matcher m = LITERAL.matcher(Files.readString(view));
            while (m.find()) {
                checked++;
                if (!SAFE_LITERAL.matcher(m.group(1)).matches()) {
                    problems.add(
                            view.getFileName() + " in " + view.getParent().getFileName() + ": ${%" + m.group(1) + "}");
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(problems).isEmpty();
        assertThat(SAFE_LITERAL
                        .matcher("PE plan timeout (seconds, 0 for PE's default)")
                        .matches())
                .as("the label that hung Stapler is refused")
                .isFalse();
    }

    @Test
    void everyRepeatablePropertyHasADeleteButton() throws Exception {
        int checked = 0;
        for (Path view : GlueSources.files(GlueSources.resources(), ".jelly")) {
            String[] blocks = Files.readString(view).split("<f:repeatableProperty");
            for (int i = 1; i < blocks.length; i++) {
                checked++;
                String body = blocks[i].substring(0, Math.max(0, blocks[i].indexOf("</f:repeatableProperty>")));
                assertThat(body)
                        .as("%s: f:repeatableProperty without f:repeatableDeleteButton", view)
                        .contains("<f:repeatableDeleteButton");
            }
        }
        assertThat(checked).isPositive();
    }

    /**
     * commons-jexl calls a view's getter without setAccessible: it must be public and declared in a
     * public class or interface, and what it returns must be what the form needs (one name a line).
     */
    @Test
    void everyPropertyAViewReadsHasAGetterJexlCanCall() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path view : GlueSources.files(GlueSources.glueViews(), ".jelly")) {
            Class<?> type = GlueSources.classOfView(view);
            Matcher m = VIEW_PROPERTY.matcher(Files.readString(view));
            while (m.find()) {
                Class<?> owner = m.group(1).equals("descriptor") ? descriptorOf(type) : type;
                checked++;
                Method getter = jexlGetter(owner, m.group(2));
                if (getter == null) {
                    problems.add(view.getParent().getFileName() + "/" + view.getFileName() + ": " + m.group(0)
                            + " has no getter commons-jexl can call on " + owner.getSimpleName());
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
        assertThat(problems).isEmpty();

        for (Class<? extends CodeDeploySettings> type : List.of(CodeDeployStep.class, CodeDeployBuilder.class)) {
            CodeDeploySettings settings = type == CodeDeployStep.class ? new CodeDeployStep() : new CodeDeployBuilder();
            if (settings instanceof CodeDeployStep step) {
                step.setEnvironments(List.of("production", "testing"));
                step.setModules(List.of("apache", "ntp"));
            } else if (settings instanceof CodeDeployBuilder builder) {
                builder.setEnvironments(List.of("production", "testing"));
                builder.setModules(List.of("apache", "ntp"));
            }
            Object environments = jexlGetter(type, "environmentsText").invoke(settings);
            Object modules = jexlGetter(type, "modulesText").invoke(settings);
            assertThat(environments).isEqualTo("production\ntesting");
            assertThat(StepLists.names(List.of((String) environments))).isEqualTo(settings.getEnvironments());
            assertThat(StepLists.names(List.of((String) modules))).isEqualTo(settings.getModules());
        }
    }

    @Test
    void theGetterRuleRefusesWhatJexlCannotCall() {
        assertThat(jexlGetter(PackagePrivateSettingsHolder.class, "text")).isNull();
        assertThat(jexlGetter(CodeDeployStep.class, "environmentsText")).isNotNull();
    }

    /**
     * A build step's "?" is getHelpFile(null): a descriptor that sends its fields' help elsewhere
     * must still answer its own help.html for null. Checked by calling the real override on an
     * instance made without a constructor (the stand-in's constructors throw): for null it must
     * reach Descriptor.getHelpFile (the stand-in's body throws there), not the other descriptor.
     */
    @Test
    void buildStepsServeTheirOwnHelpForTheStepAsAWhole() throws Exception {
        int checked = 0;
        for (Path help : GlueSources.files(GlueSources.glueViews(), "help.html")) {
            if (!help.getFileName().toString().equals("help.html")) {
                continue;
            }
            Class<?> descriptor = descriptorOf(GlueSources.classOfView(help));
            Method override;
            try {
                override = descriptor.getDeclaredMethod("getHelpFile", String.class);
            } catch (NoSuchMethodException e) {
                continue; // Descriptor's own lookup serves help.html
            }
            checked++;
            Object instance = allocate(descriptor);
            Throwable thrown = catchThrowable(() -> override.invoke(instance, (Object) null));
            assertThat(thrown).isNotNull();
            StackTraceElement top = thrown.getCause().getStackTrace()[0];
            assertThat(top.getClassName())
                    .as("%s.getHelpFile(null) must serve its own help.html", descriptor.getName())
                    .isEqualTo("hudson.model.Descriptor");
        }
        assertThat(checked).as("every build step delegates its fields' help").isEqualTo(4);
    }

    /**
     * A validate button sends only the fields its {@code with} names; a {@code @QueryParameter} it
     * leaves out arrives empty (0 for a number), so the test would run with other settings than the
     * form's.
     */
    @Test
    void everyValidateButtonSendsEveryFieldItsMethodReads() throws Exception {
        int checked = 0;
        for (Path view : GlueSources.files(GlueSources.glueViews(), ".jelly")) {
            Matcher button = VALIDATE_BUTTON.matcher(Files.readString(view));
            while (button.find()) {
                checked++;
                String method = button.group(1);
                List<String> sent = List.of(button.group(2).split(","));
                Class<?> type = GlueSources.classOfView(view);
                assertThat(sent)
                        .as(
                                "%s: f:validateButton method=%s with=",
                                view.getParent().getFileName(), method)
                        .containsExactlyInAnyOrderElementsOf(queryParameters(type, method));
            }
        }
        assertThat(checked).isPositive();
        assertThat(queryParameters(PeInstallation.class, "testConnection"))
                .as("the parameters are read from the source")
                .contains("maxAnswerMegabytes", "tryDeploy");
    }

    /** The names of the {@code @QueryParameter}s of {@code do<Method>} in the type's source file. */
    private static List<String> queryParameters(Class<?> type, String method) throws Exception {
        Path source = GlueSources.projectRoot()
                .resolve("src/main/java")
                .resolve(type.getName().replace('.', '/') + ".java");
        String text = Files.readString(source);
        String name = "do" + Character.toUpperCase(method.charAt(0)) + method.substring(1) + "(";
        int start = text.indexOf(name);
        assertThat(start).as("%s declares %s", source.getFileName(), name).isNotNegative();
        String parameters = text.substring(start, text.indexOf('{', start));
        List<String> names = new ArrayList<>();
        Matcher m = QUERY_PARAMETER.matcher(parameters);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return names;
    }

    private static Method jexlGetter(Class<?> type, String property) {
        String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String name : List.of("get" + suffix, "is" + suffix)) {
            try {
                Method method = type.getMethod(name);
                if (Modifier.isPublic(method.getModifiers())
                        && Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                    return method;
                }
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        return null;
    }

    private static Class<?> descriptorOf(Class<?> type) {
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (nested.getSimpleName().equals("DescriptorImpl")) {
                return nested;
            }
        }
        throw new AssertionError(type + " has no DescriptorImpl");
    }

    private static Object allocate(Class<?> type) throws Exception {
        Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        field.setAccessible(true);
        Object unsafe = field.get(null);
        return unsafe.getClass().getMethod("allocateInstance", Class.class).invoke(unsafe, type);
    }

    /** What CodeDeploySettings was: a default getter of a package-private interface. */
    interface PackagePrivateSettings {
        default String getText() {
            return "a";
        }
    }

    public static final class PackagePrivateSettingsHolder implements PackagePrivateSettings {}
}
