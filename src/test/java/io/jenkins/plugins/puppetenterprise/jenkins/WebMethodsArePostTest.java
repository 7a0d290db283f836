package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.deploy.CodeDeployStep;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanRunBuilder;
import io.jenkins.plugins.puppetenterprise.jenkins.plan.PlanRunStep;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;

/**
 * Every Stapler web method of the glue ({@code do*} methods of descriptors and actions: fills,
 * checks, test connection) must refuse GET, so that a link or an image on another site cannot make
 * an administrator's browser call it (CSRF) and every call passes the crumb check.
 */
class WebMethodsArePostTest {
    @Test
    void everyWebMethodIsPost() {
        List<String> notPost = new ArrayList<>();
        for (Method method : webMethods()) {
            if (!method.isAnnotationPresent(POST.class)) {
                notPost.add(method.getDeclaringClass().getSimpleName() + "." + method.getName());
            }
        }
        assertThat(notPost)
                .as("web methods without @POST (org.kohsuke.stapler.verb.POST)")
                .isEmpty();
    }

    @Test
    void theCheckSeesTheWebMethods() {
        List<String> names = webMethods().stream()
                .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName())
                .toList();
        assertThat(names)
                .contains(
                        "DescriptorImpl.doCheckCaCertificates",
                        "DescriptorImpl.doFillCredentialsIdItems",
                        "DescriptorImpl.doTestConnection")
                .hasSizeGreaterThan(25);
        assertThat(webMethods().stream()
                        .map(m -> (Object) m.getDeclaringClass().getEnclosingClass())
                        .toList())
                .as("classes whose descriptors' web methods are checked")
                .contains(
                        PeInstallation.class,
                        CodeDeployStep.class,
                        PlanRunStep.class,
                        CodeDeployBuilder.class,
                        PlanRunBuilder.class);
    }

    /** Public methods named do + capital letter, as Stapler dispatches them. */
    static List<Method> webMethods() {
        List<Method> found = new ArrayList<>();
        for (Class<?> type : GlueSources.glueClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                String name = method.getName();
                boolean web = name.length() > 2
                        && name.startsWith("do")
                        && Character.isUpperCase(name.charAt(2))
                        && Modifier.isPublic(method.getModifiers());
                if (web) {
                    found.add(method);
                }
            }
        }
        return found;
    }
}
