package io.jenkins.plugins.puppetenterprise.core.forms;

import io.jenkins.plugins.puppetenterprise.client.PeSession;
import io.jenkins.plugins.puppetenterprise.client.job.TaskList;
import io.jenkins.plugins.puppetenterprise.client.job.TaskMetadata;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanList;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanMetadata;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The forms' questions to PE (plan and task lists, a plan's or task's metadata), answered from the
 * {@link MetadataCache} when it can and otherwise over a session the glue opens, waiting at most
 * {@link #wait} so that a form's request thread is never held for PE's full timeout. Whoever calls
 * has checked permissions and resolved the credential: {@link Scope} carries the result.
 */
public final class FormLookup {
    /** How long a form waits for PE; an answer that comes later is kept for the next check. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    /** The part of the cache key that says who asks: installation, resolved credential, job. */
    public record Scope(String installation, String credential, String item) {}

    /** Opens a session on the installation with the resolved credential, asks, and ends the session. */
    public interface Sessions {
        <T> CompletableFuture<T> ask(Function<PeSession, CompletableFuture<T>> question);
    }

    /** PE's answer, or the sentence that says why there is none. */
    public record Answer<T>(T value, String unavailable) {
        public boolean known() {
            return value != null;
        }

        public static <T> Answer<T> unavailable(String sentence) {
            return new Answer<>(null, sentence);
        }
    }

    private final MetadataCache cache;
    private final Duration wait;

    public FormLookup(MetadataCache cache, Duration wait) {
        this.cache = cache;
        this.wait = wait;
    }

    public Answer<PlanList> plans(Scope scope, Sessions sessions, String environment) {
        String env = environment(environment);
        return answer(
                key(scope, "plans", env, ""),
                () -> sessions.ask(s -> s.orchestrator().plans(env)));
    }

    public Answer<PlanMetadata> plan(Scope scope, Sessions sessions, String plan, String environment) {
        String env = environment(environment);
        String name = plan.strip();
        return answer(
                key(scope, "plan", env, name),
                () -> sessions.ask(s -> s.orchestrator().plan(name, env)));
    }

    public Answer<TaskList> tasks(Scope scope, Sessions sessions, String environment) {
        String env = environment(environment);
        return answer(
                key(scope, "tasks", env, ""), () -> sessions.ask(s -> s.jobs().tasks(env)));
    }

    public Answer<TaskMetadata> task(Scope scope, Sessions sessions, String task, String environment) {
        String env = environment(environment);
        String name = task.strip();
        return answer(
                key(scope, "task", env, name), () -> sessions.ask(s -> s.jobs().task(name, env)));
    }

    /** The environment PE uses when none is given. */
    static String environment(String environment) {
        return environment == null || environment.isBlank() ? "production" : environment.strip();
    }

    private static MetadataCache.Key key(Scope scope, String question, String environment, String name) {
        return new MetadataCache.Key(
                scope.installation(), scope.credential(), scope.item(), question, environment, name);
    }

    private <T> Answer<T> answer(MetadataCache.Key key, Supplier<CompletableFuture<T>> ask) {
        CompletableFuture<T> answer = cache.get(key, ask);
        try {
            return new Answer<>(answer.get(wait.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            // left running: the cache keeps it for the next check if it succeeds
            return Answer.unavailable("Not checked against PE: PE did not answer within "
                    + (wait.toMillis() < 1000 ? wait.toMillis() + " ms." : wait.toSeconds() + " s."));
        } catch (ExecutionException e) {
            return Answer.unavailable(FormAdvice.unavailable(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.unavailable(FormAdvice.unavailable(e));
        }
    }
}
