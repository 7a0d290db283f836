package io.jenkins.plugins.puppetenterprise.simulator;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.CodeManager;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.DeploySnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.deploy.EnvironmentSpec;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobApiRelease;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobScript;
import io.jenkins.plugins.puppetenterprise.simulator.job.JobSnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.job.OrdinaryJobs;
import io.jenkins.plugins.puppetenterprise.simulator.job.TaskSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.Orchestrator;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJob;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobScript;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanJobSnapshot;
import io.jenkins.plugins.puppetenterprise.simulator.plan.PlanSpec;
import io.jenkins.plugins.puppetenterprise.simulator.plan.UnknownNameBehaviour;
import io.jenkins.plugins.puppetenterprise.simulator.query.PuppetDb;
import io.jenkins.plugins.puppetenterprise.simulator.rbac.RbacApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * A stateful stand-in for Puppet Enterprise's RBAC, Code Manager and Orchestrator services, a
 * PuppetDB query endpoint over a fixed data set (and a console page), each on its own HTTPS loopback port with a certificate from the simulator's own
 * CA. Behaves as described in pe-api.md; see docs/simulator.md for the API and examples.
 *
 * <pre>{@code
 * try (PeSimulator pe = PeSimulator.start()) {
 *     pe.addUser("deployer", "s3cret", UserPermissions.deployer());
 *     String token = pe.issueToken("deployer");
 *     // call pe.codeManagerUrl() + "/code-manager/v1/deploys", trusting pe.caPem()
 * }
 * }</pre>
 *
 * Thread-safe. Everything time-driven follows the clock given at start ({@link FakeClock} in tests).
 */
public final class PeSimulator implements AutoCloseable {
    static {
        // The JDK's server writes headers and body apart: without TCP_NODELAY, Nagle's algorithm and
        // the client's delayed ACK hold every answer about 40 ms. Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Function<SimulatorRequest, List<String>> NO_SENSITIVE_PARAMETERS = request -> List.of();
    private final Clock clock;
    private final Object lock = new Object();
    private final SimulatorCertificateAuthority ca;
    private final RbacDirectory rbac;
    private final FaultInjector faults;
    private final RequestJournal journal;
    private final CodeManager codeManager;
    private final Inventory inventory = new Inventory();
    private final Orchestrator orchestrator;
    private final OrdinaryJobs ordinaryJobs;
    private final ExecutorService executor;
    private final Map<PeService, HttpsServer> servers = new EnumMap<>(PeService.class);
    private final Map<PeService, URI> urls = new EnumMap<>(PeService.class);

    private PeSimulator(Builder builder) throws IOException {
        this.clock = builder.clock;
        this.ca = SimulatorCertificateAuthority.create();
        this.rbac = new RbacDirectory(clock);
        this.faults = new FaultInjector(clock);
        this.journal = new RequestJournal(builder.journalCapacity);
        SimulatorContext context = new SimulatorContext(clock, lock, rbac, faults, journal);
        this.codeManager = new CodeManager(context);
        this.orchestrator = new Orchestrator(context, codeManager, inventory);
        this.ordinaryJobs = new OrdinaryJobs(context, codeManager, inventory, 81);
        codeManager.putEnvironment(EnvironmentSpec.named("production"));

        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                builder.threads, builder.threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "pe-simulator-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            serve(
                    PeService.RBAC,
                    new RbacApi(clock, rbac).handlers(),
                    e -> true,
                    NO_SENSITIVE_PARAMETERS,
                    context,
                    builder);
            serve(PeService.CODE_MANAGER, codeManager.handlers(), e -> true, NO_SENSITIVE_PARAMETERS, context, builder);
            Map<PeEndpoint, EndpointHandler> orchestration = new java.util.LinkedHashMap<>(orchestrator.handlers());
            orchestration.putAll(ordinaryJobs.handlers());
            serve(
                    PeService.ORCHESTRATOR,
                    orchestration,
                    orchestrator::routeEnabled,
                    request -> request.endpoint() == PeEndpoint.TASK_COMMAND
                            ? ordinaryJobs.sensitiveParameters(request)
                            : orchestrator.sensitiveParameters(request),
                    context,
                    builder);
            serve(PeService.PUPPETDB, new PuppetDb().handlers(), e -> true, NO_SENSITIVE_PARAMETERS, context, builder);
            serve(PeService.CONSOLE, ConsolePage.handlers(), e -> true, NO_SENSITIVE_PARAMETERS, context, builder);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        orchestrator.baseUrl(urls.get(PeService.ORCHESTRATOR).toString());
        ordinaryJobs.urls(
                urls.get(PeService.ORCHESTRATOR).toString(),
                urls.get(PeService.CONSOLE).toString());
    }

    private void serve(
            PeService service,
            Map<PeEndpoint, EndpointHandler> handlers,
            Predicate<PeEndpoint> routeEnabled,
            Function<SimulatorRequest, List<String>> sensitiveParameters,
            SimulatorContext context,
            Builder builder)
            throws IOException {
        InetSocketAddress address =
                new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.ports.getOrDefault(service, 0));
        HttpsServer server = HttpsServer.create(address, 1024);
        server.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext()));
        server.createContext("/", new ServiceHandler(service, handlers, routeEnabled, sensitiveParameters, context));
        server.setExecutor(executor);
        server.start();
        servers.put(service, server);
        urls.put(service, URI.create("https://localhost:" + server.getAddress().getPort()));
    }

    /** Starts a simulator on the system clock with ephemeral ports. */
    public static PeSimulator start() {
        return builder().start();
    }

    /** Starts a simulator on the given clock (a {@link FakeClock} in most tests) with ephemeral ports. */
    public static PeSimulator start(Clock clock) {
        return builder().clock(clock).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link PeSimulator#start()}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int threads = 16;
        private int journalCapacity = 100_000;
        private final Map<PeService, Integer> ports = new EnumMap<>(PeService.class);

        private Builder() {}

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Threads serving requests, shared by all services (default 16). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /** How many journal entries to keep, newest first out (default 100,000). */
        public Builder journalCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("journal capacity must be at least 1");
            }
            this.journalCapacity = capacity;
            return this;
        }

        /** A fixed port for one service instead of an ephemeral one (0). */
        public Builder port(PeService service, int port) {
            ports.put(service, port);
            return this;
        }

        public PeSimulator start() {
            try {
                return new PeSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the PE simulator: " + e.getMessage(), e);
            }
        }
    }

    // --- where it is and how to trust it ---

    /** Base URL of RBAC, e.g. {@code https://localhost:40123} (append {@code /rbac-api/...}). */
    public URI rbacUrl() {
        return urls.get(PeService.RBAC);
    }

    /** Base URL of Code Manager (append {@code /code-manager/v1/...}). */
    public URI codeManagerUrl() {
        return urls.get(PeService.CODE_MANAGER);
    }

    /** Base URL of Orchestrator (append {@code /orchestrator/v1/...}). */
    public URI orchestratorUrl() {
        return urls.get(PeService.ORCHESTRATOR);
    }

    /** Base URL of PuppetDB (append {@code /pdb/query/v4}). */
    public URI puppetDbUrl() {
        return urls.get(PeService.PUPPETDB);
    }

    /** Base URL of the console page. */
    public URI consoleUrl() {
        return urls.get(PeService.CONSOLE);
    }

    /** The CA certificate that issued the servers' certificate, as PEM text (PE's {@code ca.pem}). */
    public String caPem() {
        return ca.caPem();
    }

    public X509Certificate caCertificate() {
        return ca.caCertificate();
    }

    /** Writes {@link #caPem()} to a file (creating parent directories) and returns the path. */
    public Path writeCaPem(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, caPem(), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the simulator CA to " + file, e);
        }
    }

    /** An SSL context that trusts the simulator's CA only, for tests that need a plain HTTPS client. */
    public SSLContext clientSslContext() {
        return ca.clientContext();
    }

    public Clock clock() {
        return clock;
    }

    // --- RBAC ---

    /** Adds a console user that can log in with this password. */
    public void addUser(String login, String password, UserPermissions permissions) {
        synchronized (lock) {
            rbac.addUser(login, password, permissions);
        }
    }

    public void setPermissions(String login, UserPermissions permissions) {
        synchronized (lock) {
            rbac.requireUser(login).permissions(permissions);
        }
    }

    /** Revokes (or reinstates) a user: logins and all their tokens then answer {@code user-revoked}. */
    public void setUserRevoked(String login, boolean revoked) {
        synchronized (lock) {
            rbac.requireUser(login).revoked(revoked);
        }
    }

    /** A token for the user with PE's default lifetime of 1 hour, without logging in over HTTP. */
    public String issueToken(String login) {
        return issueToken(login, RbacDirectory.DEFAULT_LIFETIME);
    }

    public String issueToken(String login, Duration lifetime) {
        return issueToken(login, lifetime, null);
    }

    /** A token with a label (unique per user, as in PE). */
    public String issueToken(String login, Duration lifetime, String label) {
        synchronized (lock) {
            return rbac.issue(rbac.requireUser(login), lifetime, label, null, "PE simulator")
                    .secret();
        }
    }

    /** Revokes a token, as {@code DELETE /rbac-api/v2/tokens} would. */
    public void revokeToken(String token) {
        synchronized (lock) {
            rbac.token(token).ifPresent(IssuedToken::revoke);
        }
    }

    /** Whether a token exists and is neither revoked nor expired at the simulator's time. */
    public boolean isTokenUsable(String token) {
        synchronized (lock) {
            return rbac.token(token)
                    .map(t -> !t.revoked() && !t.expiredAt(clock.instant()))
                    .orElse(false);
        }
    }

    /**
     * Labels of the user's tokens that are still usable (neither revoked nor expired), in no
     * particular order ({@code null} for a token without a label): what a leak leaves behind.
     */
    public List<String> usableTokenLabels(String login) {
        synchronized (lock) {
            List<String> labels = new ArrayList<>();
            for (IssuedToken token : rbac.tokensOf(rbac.requireUser(login))) {
                if (!token.revoked() && !token.expiredAt(clock.instant())) {
                    labels.add(token.label());
                }
            }
            return labels;
        }
    }

    /** RBAC's idle timeout: tokens unused this long are refused with {@code token-timed-out}; null for none. */
    public void tokenIdleTimeout(Duration timeout) {
        synchronized (lock) {
            rbac.idleTimeout(timeout);
        }
    }

    /** False makes the token authenticate endpoint answer 404, as releases before it do. */
    public void tokenAuthenticateEndpoint(boolean present) {
        synchronized (lock) {
            rbac.authenticateEndpoint(present);
        }
    }

    // --- Code Manager ---

    /** Adds or replaces an environment. A new simulator knows {@code production} only. */
    public void putEnvironment(EnvironmentSpec environment) {
        synchronized (lock) {
            codeManager.putEnvironment(environment);
        }
    }

    /**
     * Adds a branch to the control repository. Like Code Manager, the simulator skips a branch whose
     * name is not an environment name unless {@link #invalidBranches(String)} says to correct it.
     *
     * @return the environment the branch deploys as, or empty when it is skipped
     */
    public Optional<String> addBranch(String branch) {
        synchronized (lock) {
            return codeManager.addBranch(branch);
        }
    }

    /** Sets the source's {@code invalid_branches} ({@code error} by default) for branches added later. */
    public void invalidBranches(String setting) {
        synchronized (lock) {
            codeManager.invalidBranches(setting);
        }
    }

    /** Forgets an environment: deploys of it then fail as for a deleted branch. */
    public void removeEnvironment(String name) {
        synchronized (lock) {
            codeManager.removeEnvironment(name);
        }
    }

    /**
     * Makes {@code deploy-all} and {@code dry-run} deploys fail with {@code collect-failed} and this
     * r10k output as details; null restores normal listing.
     */
    public void failEnvironmentListing(String r10kOutput) {
        synchronized (lock) {
            codeManager.collectFailure(r10kOutput);
        }
    }

    /**
     * Makes {@code GET /deploys/status?id=N} ignore the id and answer with the whole status object,
     * as some Code Manager releases and proxies do; false restores the condensed answer.
     */
    public void deployStatusIgnoresIdFilter(boolean ignore) {
        synchronized (lock) {
            codeManager.ignoreIdFilter(ignore);
        }
    }

    /**
     * Each new deploy of {@code environment} goes as {@code perDeploy} makes it from the
     * environment's spec at the time of the deploy request (workloads whose deploys end at given times).
     */
    public void scriptDeploys(String environment, UnaryOperator<EnvironmentSpec> perDeploy) {
        synchronized (lock) {
            codeManager.scriptDeploys(environment, perDeploy);
        }
    }

    /** All deploys Code Manager still lists or finished within its {@code deploy_ttl}, oldest first. */
    public List<DeploySnapshot> deploys() {
        synchronized (lock) {
            Instant now = clock.instant();
            return codeManager.deploys().stream()
                    .map(d -> new DeploySnapshot(d.id(), d.environment(), d.status(now), d.doneAt()))
                    .toList();
        }
    }

    /**
     * Makes {@code GET /deploys/status} without an id (the whole status) answer 403, as for a
     * credential that may read single deploys but not the listing; false restores it.
     */
    public void deployStatusListForbidden(boolean forbidden) {
        synchronized (lock) {
            codeManager.listForbidden(forbidden);
        }
    }

    /**
     * Makes the whole {@code GET /deploys/status} list its new, queued, deploying and failed deploys
     * without {@code id}, as older Code Manager releases do; false restores the ids.
     */
    public void deployStatusListsWithoutIds(boolean withoutIds) {
        synchronized (lock) {
            codeManager.listWithoutIds(withoutIds);
        }
    }

    /**
     * Makes the whole {@code GET /deploys/status} leave out {@code deploys-status} (its new, queued,
     * deploying and failed arrays) and show file sync only; false restores it.
     */
    public void deployStatusListsNoQueue(boolean noQueue) {
        synchronized (lock) {
            codeManager.listNoQueue(noQueue);
        }
    }

    /**
     * Makes the whole {@code GET /deploys/status} leave out {@code file-sync-client-status}, so it
     * does not show which servers have which code; false restores it.
     */
    public void deployStatusListsNoClientSync(boolean noClientSync) {
        synchronized (lock) {
            codeManager.listNoClientSync(noClientSync);
        }
    }

    // --- Orchestrator ---

    /** Makes {@code POST /command/plan_run} refuse {@code userdata} with a 400 naming it, as releases before 2019.8.5 do. */
    public void planRunRefusesUserdata(boolean refuse) {
        synchronized (lock) {
            orchestrator.refusesUserdata(refuse);
        }
    }

    /**
     * Makes {@code GET /plan_jobs} ignore {@code min_finish_timestamp} and {@code
     * max_finish_timestamp}, as releases before 2021 do; false restores the filter.
     */
    public void planJobListIgnoresFinishFilter(boolean ignore) {
        synchronized (lock) {
            orchestrator.listIgnoresFinishFilter(ignore);
        }
    }

    /** Makes {@code GET /plan_jobs} answer 403 {@code not-permitted}; the jobs themselves stay readable. */
    public void planJobListForbidden(boolean forbidden) {
        synchronized (lock) {
            orchestrator.listForbidden(forbidden);
        }
    }

    public void addPlan(PlanSpec plan) {
        synchronized (lock) {
            orchestrator.addPlan(plan);
        }
    }

    /** Every job of this plan follows the script (until scripted otherwise). */
    public void scriptPlan(String planName, PlanJobScript script) {
        scriptPlan(planName, parameters -> script);
    }

    /** Every job of this plan follows the script made from its parameters (query and node group values resolved). */
    public void scriptPlan(String planName, Function<Map<String, Object>, PlanJobScript> scriptForParameters) {
        synchronized (lock) {
            orchestrator.script(planName, scriptForParameters);
        }
    }

    /** The next job of this plan follows the script; queued scripts are used before {@link #scriptPlan}. */
    public void scriptNextPlanJob(String planName, PlanJobScript script) {
        synchronized (lock) {
            orchestrator.scriptNext(planName, script);
        }
    }

    /** The script of plans with none of their own; initially success after 1 s. */
    public void defaultPlanJobScript(PlanJobScript script) {
        synchronized (lock) {
            orchestrator.defaultScript(script);
        }
    }

    /** How a plan run for an unknown plan is answered (default {@link UnknownNameBehaviour#IMMEDIATE_ERROR}). */
    public void unknownPlans(UnknownNameBehaviour behaviour) {
        synchronized (lock) {
            orchestrator.unknownPlans(behaviour);
        }
    }

    /** How a plan run in an unknown environment is answered (default {@link UnknownNameBehaviour#IMMEDIATE_ERROR}). */
    public void unknownEnvironments(UnknownNameBehaviour behaviour) {
        synchronized (lock) {
            orchestrator.unknownEnvironments(behaviour);
        }
    }

    /** False: {@code POST /command/stop_plan} answers 404 for the route, as PE before 2021.7.1 does. */
    public void stopPlanAvailable(boolean available) {
        synchronized (lock) {
            orchestrator.stopPlanAvailable(available);
        }
    }

    /** A node PuppetDB knows, with the environment its catalog came from. */
    public void addNode(String certname, String environment) {
        synchronized (lock) {
            inventory.addNode(certname, environment);
        }
    }

    /** A classifier node group whose id a {@code type: node_group} parameter can name. */
    public void addNodeGroup(String id, String name, String... certnames) {
        synchronized (lock) {
            inventory.addNodeGroup(id, name, List.of(certnames));
        }
    }

    /** The certnames a PuppetDB query returns for {@code type: query} parameters. */
    public void addQueryResult(String query, String... certnames) {
        synchronized (lock) {
            inventory.addQueryResult(query, List.of(certnames));
        }
    }

    public Optional<PlanJobSnapshot> planJob(String name) {
        synchronized (lock) {
            return Optional.ofNullable(orchestrator.job(name)).map(this::snapshot);
        }
    }

    /** All plan jobs, oldest first. */
    public List<PlanJobSnapshot> planJobs() {
        synchronized (lock) {
            List<PlanJobSnapshot> all = new ArrayList<>();
            orchestrator.jobs().forEach(job -> all.add(snapshot(job)));
            return all;
        }
    }

    private PlanJobSnapshot snapshot(PlanJob job) {
        return new PlanJobSnapshot(
                job.name(),
                job.planName(),
                job.environment(),
                job.state(clock.instant()),
                job.owner().login(),
                job.created(),
                job.finish(),
                job.firstSeenFinished());
    }

    // --- Orchestrator: Puppet runs and tasks ---

    /** A task every environment knows ({@code GET /tasks}, {@code /command/task}). */
    public void addTask(TaskSpec task) {
        synchronized (lock) {
            ordinaryJobs.addTask(task);
        }
    }

    /** How the nodes of every Puppet-run and task job go (initially: each node succeeds after 1 s). */
    public void scriptJobs(JobScript script) {
        synchronized (lock) {
            ordinaryJobs.script(script);
        }
    }

    /** The next Puppet-run or task job follows this script; queued scripts are used before {@link #scriptJobs}. */
    public void scriptNextJob(JobScript script) {
        synchronized (lock) {
            ordinaryJobs.scriptNext(script);
        }
    }

    /**
     * Each new Puppet run in {@code environment} follows the script {@code perRun} makes when the
     * job is created (runs that end at given times, as the benchmark workload's); one-shot scripts
     * come first.
     */
    public void scriptPuppetRuns(String environment, Supplier<JobScript> perRun) {
        synchronized (lock) {
            ordinaryJobs.scriptPuppetRuns(environment, perRun);
        }
    }

    /**
     * Which release's job API to answer like (default {@link JobApiRelease#CURRENT}); before
     * {@link JobApiRelease#PE_2021_6} {@code GET /jobs} ignores {@code min/max_finish_timestamp},
     * before {@link JobApiRelease#PE_2019_8_5} jobs show no {@code finished_timestamp}.
     */
    public void jobApiRelease(JobApiRelease release) {
        synchronized (lock) {
            ordinaryJobs.release(release);
        }
    }

    /** Makes {@code GET /jobs} answer 403 {@code not-permitted}; the jobs themselves stay readable. */
    public void jobListForbidden(boolean forbidden) {
        synchronized (lock) {
            ordinaryJobs.listForbidden(forbidden);
        }
    }

    /** The user may no longer run Puppet ({@code /command/deploy} answers 403 {@code not-permitted}). */
    public void denyPuppetRuns(String login) {
        synchronized (lock) {
            ordinaryJobs.denyPuppetRuns(login);
        }
    }

    /** The user may run only these tasks (others answer 403 {@code not-permitted}); by default all. */
    public void grantTasks(String login, String... taskNames) {
        synchronized (lock) {
            ordinaryJobs.grantTasks(login, java.util.Set.of(taskNames));
        }
    }

    /** Puppet runs in this environment answer 400 {@code empty-environment}. */
    public void emptyEnvironment(String name) {
        synchronized (lock) {
            ordinaryJobs.emptyEnvironment(name);
        }
    }

    /** True: query scopes answer 400 {@code puppetdb-error}. */
    public void puppetDbDown(boolean down) {
        synchronized (lock) {
            ordinaryJobs.puppetDbDown(down);
        }
    }

    /** True: {@code /jobs/<id>/report} answers under the key {@code report}, as a 2016.4-era server did. */
    public void legacyReportKey(boolean legacy) {
        synchronized (lock) {
            ordinaryJobs.legacyReportKey(legacy);
        }
    }

    /** The state of a Puppet-run or task job at the simulator's time. */
    public Optional<String> jobState(String name) {
        synchronized (lock) {
            return Optional.ofNullable(ordinaryJobs.job(name)).map(job -> job.state(clock.instant()));
        }
    }

    /** All Puppet-run and task jobs, oldest first. */
    public List<JobSnapshot> jobs() {
        synchronized (lock) {
            Instant now = clock.instant();
            return ordinaryJobs.jobs().stream()
                    .map(job -> new JobSnapshot(job.name(), job.type(), job.environment(), job.state(now), job.end()))
                    .toList();
        }
    }

    /** How many Puppet-run and task jobs were started. */
    public int jobCount() {
        synchronized (lock) {
            return ordinaryJobs.jobCount();
        }
    }

    // --- faults and journal ---

    public FaultInjector faults() {
        return faults;
    }

    public RequestJournal journal() {
        return journal;
    }

    /** Stops all servers at once; requests in progress are cut off. */
    @Override
    public void close() {
        servers.values().forEach(server -> server.stop(0));
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "PeSimulator[rbac=" + rbacUrl() + ", codeManager=" + codeManagerUrl() + ", orchestrator="
                + orchestratorUrl() + ", console=" + consoleUrl() + "]";
    }
}
