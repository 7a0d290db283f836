package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Action;
import hudson.model.Describable;
import hudson.tasks.Builder;
import io.jenkins.plugins.puppetenterprise.core.input.InstallationSettings;
import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.job.PuppetRunBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.job.PuppetTaskBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.job.TaskArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.job.TaskJsonArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.job.TaskValueArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanJsonArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanNodeGroupArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanQueryArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanRunBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanValueArgument;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;

/**
 * What Jenkins saves with XStream (the global configuration in its XML file, jobs' build steps in config.xml,
 * build actions in build.xml) must hold plain public JDK collections: {@code List.of}, {@code List.copyOf} and
 * unmodifiable views are JDK-internal classes that XStream writes by reflection, if Java's module rules let it at
 * all. So every such field is declared as the public class it holds (ArrayList, LinkedHashMap, TreeMap), which the
 * compiler then keeps true on every path, and the objects as built hold nothing else. Pipeline steps are written
 * by River into program.dat, not by XStream, and may hold immutable lists.
 */
class SavedFieldsTest {
    private static final String PLUGIN = "io.jenkins.plugins.puppetenterprise.";

    @Test
    void savedObjectsHoldOnlyPlainCollections() throws Exception {
        List<String> internal = new ArrayList<>();
        for (Object saved : samples()) {
            internal.addAll(jdkInternalCollections(saved));
        }

        assertThat(internal)
                .as("use ArrayList (or another public JDK collection) for saved fields")
                .isEmpty();
    }

    @Test
    void savedCollectionFieldsAreDeclaredAsThePublicClassTheyHold() {
        List<String> declared = new ArrayList<>();
        for (Class<?> type : savedTypes()) {
            declared.addAll(collectionsNotDeclaredConcrete(type));
        }

        assertThat(declared)
                .as("declare saved collection fields as ArrayList, LinkedHashMap or TreeMap, never as List or Map")
                .isEmpty();
    }

    @Test
    void theSamplesCoverEverySavedTypeOfThePlugin() throws Exception {
        Set<Class<?>> sampled = new LinkedHashSet<>();
        for (Object saved : samples()) {
            reachable(saved, sampled);
        }
        List<Class<?>> constructibleOnlyInJenkins = List.of(PuppetEnterpriseConfiguration.class);

        assertThat(savedTypes().stream()
                        .filter(t -> !Modifier.isAbstract(t.getModifiers()))
                        .filter(t -> !constructibleOnlyInJenkins.contains(t)))
                .as("add a sample of each saved type")
                .isSubsetOf(sampled);
        assertThat(savedTypes())
                .contains(
                        PuppetEnterpriseConfiguration.class,
                        PeInstallation.class,
                        PuppetRunBuilder.class,
                        PuppetTaskBuilder.class,
                        PeSummaryAction.class,
                        PeOperationRecord.class,
                        PeNodeRecord.class,
                        PeEnvironmentAction.class);
    }

    /**
     * XStream makes a saved object without running its constructor or field initializers, so a
     * number setting added later loads from an older config.xml as 0; readResolve must give it its
     * default, or every build on that installation would fail (0 is out of range).
     */
    @Test
    void anInstallationSavedBeforeItsNumberSettingsExistedLoadsTheirDefaults() throws Exception {
        Field unsafeField = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        unsafeField.setAccessible(true);
        Object unsafe = unsafeField.get(null);
        PeInstallation loaded = (PeInstallation)
                unsafe.getClass().getMethod("allocateInstance", Class.class).invoke(unsafe, PeInstallation.class);
        assertThat(loaded.getRequestsPerSecond()).as("as XStream leaves it").isZero();
        Method readResolve = PeInstallation.class.getDeclaredMethod("readResolve");
        readResolve.setAccessible(true);

        readResolve.invoke(loaded);

        assertThat(loaded.getMaxAnswerMegabytes()).isEqualTo(InstallationSettings.DEFAULT_MAX_ANSWER_MEGABYTES);
        assertThat(loaded.getRequestsPerSecond()).isEqualTo(InstallationSettings.DEFAULT_REQUESTS_PER_SECOND);
    }

    @Test
    void theGuardsSeeAnImmutableListAndAListField() throws Exception {
        Object holder = new Object() {
            @SuppressWarnings("unused")
            private final List<String> saved = List.of("x");
        };
        assertThat(jdkInternalCollections(holder)).hasSize(1);
        assertThat(collectionsNotDeclaredConcrete(holder.getClass())).hasSize(1);
    }

    /** One of each saved type, with every collection filled the way forms, JCasC and builds fill it. */
    private static List<Object> samples() {
        PeInstallation installation = new PeInstallation("production", "pe.example.com");
        installation.setAllowedFolders(List.of("team-a\nteam-b"));
        CodeDeployBuilder deploy = new CodeDeployBuilder();
        deploy.setEnvironments(List.of("production"));
        deploy.setBranches(List.of("main"));
        deploy.setModules(List.of("apache"));
        PlanRunBuilder plan = new PlanRunBuilder("app::deploy");
        plan.setParameters(List.<PlanArgument>of(
                new PlanValueArgument("version", "1"),
                new PlanJsonArgument("hosts", "[\"web01\"]"),
                new PlanQueryArgument("targets", "nodes[certname] { }"),
                new PlanNodeGroupArgument("group", "00000000-0000-4000-8000-000000000000")));
        PuppetRunBuilder puppetRun = new PuppetRunBuilder();
        puppetRun.setNodes(List.of("web01.example.com\nweb02.example.com"));
        PuppetTaskBuilder task = new PuppetTaskBuilder("package");
        task.setNodes(List.of("web01.example.com", "web02.example.com"));
        task.setParameters(List.<TaskArgument>of(
                new TaskValueArgument("action", "install"), new TaskJsonArgument("options", "{\"a\": [1]}")));
        PeSummaryAction summary = new PeSummaryAction();
        summary.add(
                List.of(
                        new PeOperationRecord(
                                "Code deploy", "production", "production", "complete", null, null, Instant.EPOCH),
                        new PeOperationRecord(
                                "Puppet run",
                                "production",
                                "2 nodes",
                                "finished",
                                null,
                                "https://pe.example.com/#/orchestration/jobs/7",
                                Instant.EPOCH,
                                List.of(
                                        new PeNodeRecord("web01.example.com", "failed", "error", null),
                                        new PeNodeRecord("web02.example.com", "finished", null, null)),
                                2)),
                null);
        PeEnvironmentAction environment = new PeEnvironmentAction();
        environment.put(Map.of("verdict", "SUCCESS", "counts", Map.of("finished", 2)));
        return List.of(installation, deploy, plan, puppetRun, task, summary, environment);
    }

    /**
     * The plugin's types that XStream saves: build steps, build actions, the global configuration and what they
     * describe (installations, plan arguments), with the plugin types their fields hold. Not Pipeline steps.
     */
    private static Set<Class<?>> savedTypes() {
        Set<Class<?>> saved = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (Class<?> type : GlueSources.glueClasses()) {
            boolean describes = Describable.class.isAssignableFrom(type) && !Step.class.isAssignableFrom(type);
            if (Builder.class.isAssignableFrom(type)
                    || Action.class.isAssignableFrom(type)
                    || GlobalConfiguration.class.isAssignableFrom(type)
                    || describes) {
                todo.add(type);
            }
        }
        while (!todo.isEmpty()) {
            Class<?> type = todo.remove();
            if (!saved.add(type)) {
                continue;
            }
            for (Field field : savedFields(type)) {
                for (Class<?> held : pluginTypesIn(field.getGenericType())) {
                    todo.add(held);
                }
            }
        }
        return saved;
    }

    private static List<Field> savedFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        // Jenkins' own superclasses keep their state transient or save it themselves
        for (Class<?> c = type; c != null && c.getName().startsWith(PLUGIN); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static List<Class<?>> pluginTypesIn(Type type) {
        List<Class<?>> found = new ArrayList<>();
        if (type instanceof Class<?> c && c.getName().startsWith(PLUGIN)) {
            found.add(c);
        } else if (type instanceof ParameterizedType p) {
            found.addAll(pluginTypesIn(p.getRawType()));
            for (Type argument : p.getActualTypeArguments()) {
                found.addAll(pluginTypesIn(argument));
            }
        }
        return found;
    }

    private static List<String> collectionsNotDeclaredConcrete(Class<?> type) {
        List<String> found = new ArrayList<>();
        for (Field field : savedFields(type)) {
            Class<?> declared = field.getType();
            boolean collection = Collection.class.isAssignableFrom(declared) || Map.class.isAssignableFrom(declared);
            if (collection
                    && (declared.isInterface()
                            || Modifier.isAbstract(declared.getModifiers())
                            || !Modifier.isPublic(declared.getModifiers()))) {
                found.add(field.getDeclaringClass().getSimpleName() + "." + field.getName() + ": declared as "
                        + declared.getSimpleName());
            }
        }
        return found;
    }

    /** Every saved collection in the object and in the plugin objects it holds, that is not a public JDK class. */
    private static List<String> jdkInternalCollections(Object saved) throws IllegalAccessException {
        List<String> found = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        walk(saved, seen, (owner, field, value) -> {
            if (value.getClass().getName().startsWith("java.util.")
                    && !Modifier.isPublic(value.getClass().getModifiers())) {
                found.add(owner.getSimpleName() + "." + field.getName() + ": "
                        + value.getClass().getName());
            }
        });
        return found;
    }

    private static void reachable(Object saved, Set<Class<?>> types) throws IllegalAccessException {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        walk(saved, seen, (owner, field, value) -> {});
        seen.forEach(object -> types.add(object.getClass()));
    }

    private interface Visitor {
        void visit(Class<?> owner, Field field, Object value);
    }

    /** Visits every saved field's value, descending into plugin objects and into collections' elements. */
    private static void walk(Object object, Set<Object> seen, Visitor visitor) throws IllegalAccessException {
        if (!seen.add(object)) {
            return;
        }
        for (Field field : savedFields(object.getClass())) {
            field.setAccessible(true);
            Object value = field.get(object);
            if (value != null) {
                visitor.visit(field.getDeclaringClass(), field, value);
                for (Object held : held(value)) {
                    if (held != null && held.getClass().getName().startsWith(PLUGIN)) {
                        walk(held, seen, visitor);
                    }
                }
            }
        }
    }

    private static Collection<?> held(Object value) {
        if (value instanceof Collection<?> c) {
            return c;
        }
        if (value instanceof Map<?, ?> m) {
            List<Object> entries = new ArrayList<>(m.keySet());
            entries.addAll(m.values());
            return entries;
        }
        return List.of(value);
    }
}
