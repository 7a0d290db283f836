package io.jenkins.plugins.puppetenterprise.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every endpoint the simulator serves, so that faults and journal queries can name one. */
public enum PeEndpoint {
    LOGIN(PeService.RBAC, "POST", "/rbac-api/v1/auth/token", false),
    MINT_TOKEN(PeService.RBAC, "POST", "/rbac-api/v1/tokens", true),
    AUTHENTICATE_TOKEN(PeService.RBAC, "POST", "/rbac-api/v2/auth/token/authenticate", false),
    REVOKE_TOKENS(PeService.RBAC, "DELETE", "/rbac-api/v2/tokens", true),
    REVOKE_TOKEN(PeService.RBAC, "DELETE", "/rbac-api/v2/tokens/([^/]+)", true),

    DEPLOYS(PeService.CODE_MANAGER, "POST", "/code-manager/v1/deploys", true),
    DEPLOYS_STATUS(PeService.CODE_MANAGER, "GET", "/code-manager/v1/deploys/status", true),

    PLANS(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/plans", true),
    PLAN(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/plans/([^/]+)/(.+)", true),
    PLAN_RUN(PeService.ORCHESTRATOR, "POST", "/orchestrator/v1/command/plan_run", true),
    ENVIRONMENT_PLAN_RUN(PeService.ORCHESTRATOR, "POST", "/orchestrator/v1/command/environment_plan_run", true),
    STOP_PLAN(PeService.ORCHESTRATOR, "POST", "/orchestrator/v1/command/stop_plan", true),
    PLAN_JOBS(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/plan_jobs", true),
    PLAN_JOB(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/plan_jobs/([^/]+)", true),
    PLAN_JOB_EVENTS(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/plan_jobs/([^/]+)/events", true),
    PLAN_JOB_EVENT(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/plan_jobs/([^/]+)/event/([^/]+)", true),
    DEPLOY_COMMAND(PeService.ORCHESTRATOR, "POST", "/orchestrator/v1/command/deploy", true),
    TASK_COMMAND(PeService.ORCHESTRATOR, "POST", "/orchestrator/v1/command/task", true),
    STOP_JOB(PeService.ORCHESTRATOR, "POST", "/orchestrator/v1/command/stop", true),
    TASKS(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/tasks", true),
    TASK(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/tasks/([^/]+)/([^/]+)", true),
    JOBS(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/jobs", true),
    JOB(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/jobs/([^/]+)", true),
    JOB_NODES(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/jobs/([^/]+)/nodes", true),
    JOB_REPORT(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/jobs/([^/]+)/report", true),
    JOB_EVENTS(PeService.ORCHESTRATOR, "GET", "/orchestrator/v1/jobs/([^/]+)/events", true),

    PDB_QUERY(PeService.PUPPETDB, "POST", "/pdb/query/v4", true),

    CONSOLE_PAGE(PeService.CONSOLE, "GET", "/.*", false);

    private final PeService service;
    private final String method;
    private final Pattern path;
    private final boolean authenticated;

    PeEndpoint(PeService service, String method, String pathRegex, boolean authenticated) {
        this.service = service;
        this.method = method;
        this.path = Pattern.compile(pathRegex);
        this.authenticated = authenticated;
    }

    public PeService service() {
        return service;
    }

    public String method() {
        return method;
    }

    /** Whether the endpoint checks the RBAC token. */
    public boolean authenticated() {
        return authenticated;
    }

    /** All endpoints of one service. */
    public static PeEndpoint[] of(PeService service) {
        return Arrays.stream(values()).filter(e -> e.service == service).toArray(PeEndpoint[]::new);
    }

    /** The endpoint a request is for, with the path's variable parts. */
    static Optional<Match> find(PeService service, String method, String path) {
        for (PeEndpoint endpoint : values()) {
            if (endpoint.service != service || !endpoint.method.equals(method)) {
                continue;
            }
            Matcher matcher = endpoint.path.matcher(path);
            if (matcher.matches()) {
                List<String> groups = java.util.stream.IntStream.rangeClosed(1, matcher.groupCount())
                        .mapToObj(matcher::group)
                        .toList();
                return Optional.of(new Match(endpoint, groups));
            }
        }
        return Optional.empty();
    }

    record Match(PeEndpoint endpoint, List<String> pathParameters) {}
}
