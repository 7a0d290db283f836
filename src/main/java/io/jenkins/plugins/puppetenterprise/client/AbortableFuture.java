package io.jenkins.plugins.puppetenterprise.client;

import java.util.concurrent.CompletableFuture;

/**
 * The result of a request to PE whose cancellation aborts the request, also when it is a stage
 * derived from it ({@code thenApply}, {@code handle}, ...): a plain {@link CompletableFuture}
 * stage ignores {@code cancel}, so a watch that ends would leave its request running until its
 * answer or timeout came, and a stop that follows would race it.
 */
final class AbortableFuture<T> extends CompletableFuture<T> {
    private final Runnable abort;

    AbortableFuture(Runnable abort) {
        this.abort = abort;
    }

    /** A future whose cancellation, or that of any stage derived from it, cancels itself. */
    static <T> AbortableFuture<T> root() {
        AbortableFuture<?>[] self = new AbortableFuture<?>[1];
        AbortableFuture<T> root = new AbortableFuture<>(() -> self[0].cancel(true));
        self[0] = root;
        return root;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new AbortableFuture<>(abort);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (isDone()) {
            return isCancelled(); // as CompletableFuture answers, without aborting again
        }
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        abort.run();
        return cancelled;
    }
}
