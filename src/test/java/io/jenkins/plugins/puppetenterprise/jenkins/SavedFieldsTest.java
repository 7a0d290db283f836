package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanArgument;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanRunBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanValueArgument;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What Jenkins saves with XStream (the global configuration, jobs' build steps) must hold plain JDK
 * collections: {@code List.of}, {@code List.copyOf} and unmodifiable views are JDK-internal classes
 * that XStream writes by reflection into config.xml, if Java's module rules let it at all.
 */
class SavedFieldsTest {
    @Test
    void savedConfigurationHoldsOnlyPlainCollections() throws Exception {
        PeInstallation installation = new PeInstallation("production", "pe.example.com");
        installation.setAllowedFolders(List.of("team-a\nteam-b"));
        CodeDeployBuilder deploy = new CodeDeployBuilder();
        deploy.setEnvironments(List.of("production"));
        deploy.setModules(List.of("apache"));
        PlanRunBuilder plan = new PlanRunBuilder("app::deploy");
        plan.setParameters(List.<PlanArgument>of(new PlanValueArgument("version", "1")));

        List<String> internal = new ArrayList<>();
        for (Object saved : List.of(installation, deploy, plan)) {
            internal.addAll(jdkInternalCollections(saved));
        }

        assertThat(internal)
                .as("use ArrayList (or another public JDK collection) for saved fields")
                .isEmpty();
    }

    @Test
    void theGuardSeesAnImmutableList() throws Exception {
        assertThat(jdkInternalCollections(new Object() {
                    @SuppressWarnings("unused")
                    private final List<String> saved = List.of("x");
                }))
                .hasSize(1);
    }

    private static List<String> jdkInternalCollections(Object saved) throws IllegalAccessException {
        List<String> found = new ArrayList<>();
        for (Class<?> type = saved.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(saved);
                if (value != null
                        && value.getClass().getName().startsWith("java.util.")
                        && !Modifier.isPublic(value.getClass().getModifiers())) {
                    found.add(type.getSimpleName() + "." + field.getName() + ": "
                            + value.getClass().getName());
                }
            }
        }
        return found;
    }
}
