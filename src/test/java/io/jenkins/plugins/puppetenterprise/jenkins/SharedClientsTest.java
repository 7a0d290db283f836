package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retired clients are closed once, and only when no build uses them any more. */
class SharedClientsTest {
    private static final class CountingClient implements AutoCloseable {
        final String settings;
        int closed;

        CountingClient(String settings) {
            this.settings = settings;
        }

        @Override
        public void close() {
            closed++;
        }
    }

    private final SharedClients<String, CountingClient> clients = new SharedClients<>();

    private SharedClients.Lease<CountingClient> lease(String name, String settings) {
        return clients.lease(name, settings, () -> new CountingClient(settings));
    }

    @Test
    void buildsOfUnchangedInstallationShareOneClient() {
        SharedClients.Lease<CountingClient> first = lease("production", "v1");
        SharedClients.Lease<CountingClient> second = lease("production", "v1");

        assertThat(second.client()).isSameAs(first.client());
        first.release();
        second.release();
        assertThat(first.client().closed).as("a current client stays open").isZero();
        assertThat(lease("production", "v1").client()).isSameAs(first.client());
    }

    @Test
    void aNewClientThatCannotBeBuiltLeavesTheCurrentOneOpenAndInUse() {
        SharedClients.Lease<CountingClient> running = lease("production", "v1");

        assertThatThrownBy(() -> clients.lease("production", "v2", () -> {
                    throw new IllegalArgumentException("The CA certificates are not PEM");
                }))
                .hasMessageContaining("not PEM");
        running.release();

        assertThat(running.client().closed)
                .as("the current client is not retired")
                .isZero();
        SharedClients.Lease<CountingClient> next = lease("production", "v1");
        assertThat(next.client()).isSameAs(running.client());
        assertThat(next.client().closed)
                .as("no build is handed a closed client")
                .isZero();
    }

    @Test
    void retiringAllClosesUnusedClientsAndTheRestAfterTheirLastBuild() {
        SharedClients.Lease<CountingClient> idle = lease("lab", "v1");
        idle.release();
        SharedClients.Lease<CountingClient> running = lease("production", "v1");

        clients.retireAll();

        assertThat(idle.client().closed).isEqualTo(1);
        assertThat(running.client().closed).as("still used by a running build").isZero();
        running.release();
        assertThat(running.client().closed).isEqualTo(1);
        assertThat(lease("production", "v1").client()).isNotSameAs(running.client());
    }

    @Test
    void changedSettingsRetireTheOldClientWhichClosesAfterItsLastBuild() {
        SharedClients.Lease<CountingClient> running = lease("production", "v1");

        SharedClients.Lease<CountingClient> next = lease("production", "v2");

        assertThat(next.client()).isNotSameAs(running.client());
        assertThat(next.client().settings).isEqualTo("v2");
        assertThat(running.client().closed).as("still used by a running build").isZero();
        running.release();
        assertThat(running.client().closed).isEqualTo(1);
        running.release();
        assertThat(running.client().closed).as("releasing twice closes once").isEqualTo(1);
        assertThat(next.client().closed).isZero();
    }

    @Test
    void savingTheConfigurationRetiresRemovedAndChangedInstallations() {
        SharedClients.Lease<CountingClient> removed = lease("lab", "v1");
        removed.release();
        SharedClients.Lease<CountingClient> changed = lease("production", "v1");
        SharedClients.Lease<CountingClient> kept = lease("staging", "v1");
        kept.release();

        clients.retainOnly(Map.of("production", "v2", "staging", "v1"));

        assertThat(removed.client().closed)
                .as("removed and unused: closed at once")
                .isEqualTo(1);
        assertThat(changed.client().closed).as("changed but in use").isZero();
        assertThat(kept.client().closed).isZero();
        changed.release();
        assertThat(changed.client().closed).isEqualTo(1);
        assertThat(lease("staging", "v1").client()).isSameAs(kept.client());
        assertThat(lease("production", "v2").client()).isNotSameAs(changed.client());
    }
}
