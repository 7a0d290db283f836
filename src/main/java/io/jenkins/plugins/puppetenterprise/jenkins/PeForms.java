package io.jenkins.plugins.puppetenterprise.jenkins;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.job.TaskMetadata;
import io.jenkins.plugins.puppetenterprise.core.forms.CredentialDigest;
import io.jenkins.plugins.puppetenterprise.core.forms.FormAdvice;
import io.jenkins.plugins.puppetenterprise.core.forms.FormLookup;
import io.jenkins.plugins.puppetenterprise.core.forms.FormLookup.Answer;
import io.jenkins.plugins.puppetenterprise.core.forms.MetadataCache;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The form support that asks PE: the plan and task pickers, the parameter names of a plan's or task's rows,
 * and the checks of plan, task, parameters and noop. Each descriptor keeps its own {@code @POST}
 * web methods and calls these. In this order, before anything is looked up in the cache: the user
 * must be allowed to configure the job (or administer Jenkins outside a job), else nothing is said;
 * the job must be allowed to use the installation, else nothing is said; the credential is
 * resolved as the build would resolve it (a step's credential in the job's context, the
 * installation's default in Jenkins' own). Then PE's answer comes from {@link MetadataCache} (at
 * most a minute old, keyed by installation, resolved credential, job, environment and name) or
 * from PE, waiting at most {@link FormLookup#DEFAULT_WAIT}. When PE cannot be asked a check warns
 * in one sentence and a picker offers nothing; typing any name stays possible.
 */
public final class PeForms {
    private static final FormLookup LOOKUP =
            new FormLookup(new MetadataCache(Clock.systemUTC()), FormLookup.DEFAULT_WAIT);

    private PeForms() {}

    /** Who asks, once permissions and the credential are settled. */
    private record Asker(FormLookup.Scope scope, FormLookup.Sessions sessions, String unavailable) {
        static Asker unavailable(String sentence) {
            return new Asker(null, null, sentence);
        }
    }

    /**
     * The asker for a form of {@code item} naming {@code server} and {@code credentialsId}; null when
     * the form must say nothing (no permission, or a job outside the installation's folders).
     */
    private static Asker asker(Item item, String server, String credentialsId) {
        if (!StepForms.mayConfigure(item)) {
            return null;
        }
        Optional<PeInstallation> found = PuppetEnterpriseConfiguration.get().installation(server);
        if (found.isEmpty()) {
            String name = FieldText.trimToNull(server);
            return Asker.unavailable("Not checked against PE: "
                    + (name == null
                            ? "no Puppet Enterprise installation is configured."
                            : "no Puppet Enterprise installation is named " + name + "."));
        }
        PeInstallation installation = found.get();
        if (!PeExecution.mayUse(item, installation)) {
            return null;
        }
        try {
            installation.settings().requireUsableAt(Instant.now());
        } catch (IllegalArgumentException e) {
            return Asker.unavailable("Not checked against PE: " + e.getMessage());
        }
        String stepId = FieldText.trimToNull(credentialsId);
        if (stepId != null && stepId.contains("${")) {
            return Asker.unavailable("Not checked against PE: the credential is chosen when the build runs.");
        }
        if (stepId == null && FieldText.trimToNull(installation.getCredentialsId()) == null) {
            return Asker.unavailable("Not checked against PE: choose a credential first.");
        }
        StandardCredentials credential = PeCredentialLookup.forForm(item, installation, stepId);
        if (credential == null) {
            return Asker.unavailable("Not checked against PE: the credential cannot be used here.");
        }
        FormLookup.Scope scope = new FormLookup.Scope(
                installation.getName() + "|" + installation.serviceUrls().orchestrator(),
                digest(credential),
                item == null ? "" : item.getFullName());
        return new Asker(scope, new Sessions(installation, credential), null);
    }

    private static String digest(StandardCredentials credential) {
        if (credential instanceof StringCredentials token) {
            return CredentialDigest.of(
                    "token",
                    credential.getId(),
                    token.getSecret().getPlainText().toCharArray());
        }
        StandardUsernamePasswordCredentials user = (StandardUsernamePasswordCredentials) credential;
        return CredentialDigest.of(
                "password",
                credential.getId(),
                user.getUsername().toCharArray(),
                user.getPassword().getPlainText().toCharArray());
    }

    /** Each question on a session of its own ({@link PeExecution#askForForm}). */
    private static final class Sessions implements FormLookup.Sessions {
        private final PeInstallation installation;
        private final StandardCredentials credential;

        Sessions(PeInstallation installation, StandardCredentials credential) {
            this.installation = installation;
            this.credential = credential;
        }

        @Override
        public <T> CompletableFuture<T> ask(Function<PeSession, CompletableFuture<T>> question) {
            return PeExecution.askForForm(installation, credential, question);
        }
    }

    private static boolean isExpression(String value) {
        return value != null && value.contains("$");
    }

    private static ComboBoxModel names(List<String> names) {
        return new ComboBoxModel(names);
    }

    private static FormValidation validation(FormAdvice.Advice advice) {
        if (advice.warning()) {
            return FormValidation.warning(advice.text());
        }
        return advice.text().isEmpty() ? FormValidation.ok() : FormValidation.ok(advice.text());
    }

    /**
     * A check that asks PE: nothing without permission, the reason when PE cannot be asked, else
     * the advice on PE's answer (or why there is none).
     */
    private static <T> FormValidation checked(
            Item item,
            String server,
            String credentialsId,
            Function<Asker, Answer<T>> ask,
            Function<T, FormAdvice.Advice> advise) {
        Asker asker = asker(item, server, credentialsId);
        if (asker == null) {
            return FormValidation.ok();
        }
        if (asker.unavailable() != null) {
            return FormValidation.warning(asker.unavailable());
        }
        Answer<T> answer = ask.apply(asker);
        return answer.known() ? validation(advise.apply(answer.value())) : FormValidation.warning(answer.unavailable());
    }

    /** A picker that asks PE: empty without permission or an answer, else the names offered. */
    private static <T> ComboBoxModel offered(
            Item item,
            String server,
            String credentialsId,
            Function<Asker, Answer<T>> ask,
            Function<T, List<String>> offer) {
        Asker asker = asker(item, server, credentialsId);
        if (asker == null || asker.unavailable() != null) {
            return new ComboBoxModel();
        }
        Answer<T> answer = ask.apply(asker);
        return answer.known() ? names(offer.apply(answer.value())) : new ComboBoxModel();
    }

    // --- plans ---

    /** The plans the credential's PE user may run in the environment. */
    public static ComboBoxModel planItems(Item item, String server, String credentialsId, String environment) {
        if (isExpression(environment)) {
            return new ComboBoxModel();
        }
        return offered(
                item,
                server,
                credentialsId,
                asker -> LOOKUP.plans(asker.scope(), asker.sessions(), environment),
                FormAdvice::planNames);
    }

    /** Warns when PE lists no such plan in the environment or the user may not run it. */
    public static FormValidation checkPlan(
            Item item, String plan, String server, String credentialsId, String environment) {
        String name = FieldText.trimToNull(plan);
        if (name == null || isExpression(name) || isExpression(environment)) {
            return FormValidation.ok();
        }
        return checked(
                item,
                server,
                credentialsId,
                asker -> LOOKUP.plans(asker.scope(), asker.sessions(), environment),
                plans -> FormAdvice.plan(name, plans));
    }

    /** The parameters of the plan the row's step names. */
    public static ComboBoxModel planParameterItems(
            Item item, String plan, String server, String credentialsId, String environment) {
        String name = FieldText.trimToNull(plan);
        if (name == null || isExpression(name) || isExpression(environment)) {
            return new ComboBoxModel();
        }
        return offered(
                item,
                server,
                credentialsId,
                asker -> LOOKUP.plan(asker.scope(), asker.sessions(), name, environment),
                FormAdvice::parameterNames);
    }

    /** A parameter row's name: its type and whether it must be given, or a warning. */
    public static FormValidation checkPlanParameter(
            Item item, String parameter, String plan, String server, String credentialsId, String environment) {
        String name = FieldText.trimToNull(plan);
        if (FieldText.trimToNull(parameter) == null
                || name == null
                || isExpression(name)
                || isExpression(environment)) {
            return FormValidation.ok();
        }
        return checked(
                item,
                server,
                credentialsId,
                asker -> LOOKUP.plan(asker.scope(), asker.sessions(), name, environment),
                metadata -> FormAdvice.planParameter(parameter, name, metadata));
    }

    // --- tasks ---

    /** Every task of the environment. */
    public static ComboBoxModel taskItems(Item item, String server, String credentialsId, String environment) {
        if (isExpression(environment)) {
            return new ComboBoxModel();
        }
        return offered(
                item,
                server,
                credentialsId,
                asker -> LOOKUP.tasks(asker.scope(), asker.sessions(), environment),
                FormAdvice::taskNames);
    }

    /** Warns when PE lists no such task in the environment; call after the name's own check. */
    public static FormValidation checkTask(
            Item item, String task, String server, String credentialsId, String environment) {
        String name = FieldText.trimToNull(task);
        if (name == null || isExpression(name) || isExpression(environment)) {
            return FormValidation.ok();
        }
        return checked(
                item,
                server,
                credentialsId,
                asker -> LOOKUP.tasks(asker.scope(), asker.sessions(), environment),
                tasks -> FormAdvice.task(name, tasks));
    }

    /** The parameters of the task the row's step names. */
    public static ComboBoxModel taskParameterItems(
            Item item, String task, String server, String credentialsId, String environment) {
        String name = FieldText.trimToNull(task);
        if (name == null || isExpression(name) || isExpression(environment)) {
            return new ComboBoxModel();
        }
        return offered(
                item,
                server,
                credentialsId,
                asker -> LOOKUP.task(asker.scope(), asker.sessions(), name, environment),
                FormAdvice::parameterNames);
    }

    /** A task parameter row's name: its type and whether it must be given, or a warning. */
    public static FormValidation checkTaskParameter(
            Item item, String parameter, String task, String server, String credentialsId, String environment) {
        if (FieldText.trimToNull(parameter) == null) {
            return FormValidation.ok();
        }
        return withTask(
                item,
                task,
                server,
                credentialsId,
                environment,
                (name, metadata) -> FormAdvice.taskParameter(parameter, name, metadata));
    }

    /** Warns when noop is asked of a task that does not support it. */
    public static FormValidation checkNoop(
            Item item, boolean noop, String task, String server, String credentialsId, String environment) {
        if (!noop) {
            return FormValidation.ok();
        }
        return withTask(
                item,
                task,
                server,
                credentialsId,
                environment,
                (name, metadata) -> FormAdvice.noop(true, name, metadata));
    }

    private interface TaskAdvice {
        FormAdvice.Advice of(String task, TaskMetadata metadata);
    }

    private static FormValidation withTask(
            Item item, String task, String server, String credentialsId, String environment, TaskAdvice advice) {
        String name = FieldText.trimToNull(task);
        if (name == null || isExpression(name) || isExpression(environment)) {
            return FormValidation.ok();
        }
        return checked(
                item,
                server,
                credentialsId,
                asker -> LOOKUP.task(asker.scope(), asker.sessions(), name, environment),
                metadata -> advice.of(name, metadata));
    }
}
