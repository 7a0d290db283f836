package io.jenkins.plugins.puppetenterprise.client;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every PE error kind the client knows (pe-api.md sections 2, 3 and 4), in words: what it means
 * and the likely fix. This table is the source of docs/troubleshooting.md. Kinds arrive namespaced
 * ({@code puppetlabs.rbac/token-expired}); they are matched on the part after the slash, except
 * that a kind whose words are about one service ({@code server-error}: RBAC, {@code unknown-error}:
 * the orchestrator) matches only that service's namespace or none.
 */
public enum PeErrorKind {
    // RBAC: credentials
    USER_UNAUTHENTICATED(
            Category.CREDENTIALS,
            "PE did not accept the credentials: wrong user name or password, or no token was sent.",
            "Check the user name and password (or the token) in the Jenkins credential; directory users must"
                    + " log in with their directory password, SSO-only users cannot log in through the API.",
            "user-unauthenticated"),
    TOKEN_EXPIRED(
            Category.CREDENTIALS,
            "The RBAC token has expired.",
            "Generate a new token (for example `puppet access login --lifetime 90d`) and update the Jenkins"
                    + " credential, or use a user name and password credential so a fresh short-lived token is made"
                    + " for every build.",
            "token-expired"),
    TOKEN_REVOKED(
            Category.CREDENTIALS,
            "The RBAC token has been revoked.",
            "Generate a new token for the PE user and update the Jenkins credential.",
            "token-revoked"),
    TOKEN_TIMED_OUT(
            Category.CREDENTIALS,
            "The RBAC token was unused for longer than PE's inactivity timeout.",
            "Generate a new token and update the Jenkins credential, or use a user name and password credential.",
            "token-timed-out"),
    INVALID_TOKEN(
            Category.CREDENTIALS,
            "PE cannot read the RBAC token: it is truncated, mistyped or from another PE installation.",
            "Paste the complete token (the content of ~/.puppetlabs/token after `puppet access login`) into"
                    + " the Jenkins credential, and check it belongs to this PE installation.",
            "invalid-token"),
    USER_REVOKED(
            Category.CREDENTIALS,
            "The PE user of these credentials has been revoked (disabled) in PE.",
            "Ask a PE administrator to reinstate the user (Access control » Users), or use another user.",
            "user-revoked"),
    API_USER_LOGIN(
            Category.CREDENTIALS,
            "The built-in api_user cannot log in with a password.",
            "Use a regular PE user with the needed permissions, or a token.",
            "api-user-login"),
    REMOTE_USER_CONFLICT(
            Category.CREDENTIALS,
            "The directory-service user clashes with a local PE user of the same login.",
            "Ask a PE administrator to rename or remove the local user, or use another user.",
            "remote-user-conflict"),
    // RBAC: permission
    PERMISSION_DENIED(
            Category.PERMISSION,
            "The PE user is not allowed to do this.",
            "Give the PE user's role the permission named above (Access control » User roles » Permissions).",
            "permission-denied"),
    PROTECTED_OBJECT(
            Category.PERMISSION,
            "PE protects this built-in user or role from changes.",
            "Do not change the built-in admin user or default roles; use other objects.",
            "admin-user-immutable",
            "admin-user-not-in-admin-role",
            "default-roles-immutable"),
    // RBAC: bad requests
    MALFORMED_REQUEST(
            Category.BAD_REQUEST,
            "PE could not read the request body.",
            "This is a plugin defect or a PE version it does not support: report it with the PE version and"
                    + " this message.",
            "malformed-request",
            "malformed-token-request"),
    SCHEMA_VIOLATION(
            Category.BAD_REQUEST,
            "The request had a structure PE does not accept (for example a token lifetime above PE's maximum,"
                    + " or a label longer than 200 characters).",
            "Check the token lifetime against PE's rbac_token_maximum_lifetime; otherwise report it with the"
                    + " PE version and this message.",
            "schema-violation"),
    BAD_ID(
            Category.BAD_REQUEST,
            "An identifier in the request is malformed or inconsistent.",
            "Report it with the PE version and this message.",
            "inconsistent-id",
            "invalid-id-filter",
            "invalid-uuid"),
    CONFLICT(
            Category.BAD_REQUEST,
            "A value that must be unique is already taken (for RBAC tokens: the label).",
            "Run the build again; each login uses a new random label suffix.",
            "conflict"),
    DIRECTORY_SERVICE(
            Category.BAD_REQUEST,
            "PE's directory service (LDAP) lookup failed for the user or group.",
            "Ask a PE administrator to check the directory service settings (Access control » LDAP).",
            "invalid-associated-id",
            "no-such-user-LDAP",
            "no-such-group-LDAP",
            "non-unique-lookup-attr"),
    // RBAC: server
    SERVER_ERROR(
            Category.TRANSIENT,
            "RBAC failed internally; this happens for a short while when PE's console services start.",
            "Wait a minute and run the build again; if it persists, check the console services log"
                    + " (/var/log/puppetlabs/console-services/console-services.log).",
            Namespace.RBAC,
            "server-error"),
    DATABASE_TOKEN_ERROR(
            Category.SERVER,
            "RBAC could not store or revoke the token in its database.",
            "Check the console services log and PE's database (PostgreSQL) health.",
            "database-token-error"),
    // Code Manager
    DEPLOY_FAILURE(
            Category.RESULT,
            "Code Manager (r10k) could not deploy the environment: the branch does not exist in any control"
                    + " repository source, Git authentication or network failed, or the Puppetfile is broken.",
            "Check that a branch of that name exists in the control repository, and read r10k's message;"
                    + " for Git errors check Code Manager's Git credentials (the SSH key or token in the"
                    + " puppet_enterprise::profile::master::r10k_* settings).",
            "deploy-failure"),
    COLLECT_FAILED(
            Category.SERVER,
            "Code Manager could not list the environments of the control repository sources (usually Git is"
                    + " unreachable or refuses Code Manager's credentials).",
            "Check that the primary server reaches the Git server and that Code Manager's Git credentials"
                    + " are valid; the cause r10k gave is quoted in the message.",
            "collect-failed"),
    UNRECOGNIZED_WEBHOOK_TYPE(
            Category.BAD_REQUEST,
            "The Code Manager webhook was called with an unknown type.",
            "Use one of github, gitlab, bitbucket, bitbucket-server or tfs-git.",
            "unrecognized-webhook-type"),
    // Orchestrator
    VALIDATION_ERROR(
            Category.BAD_REQUEST,
            "The orchestrator rejected the request as invalid: a bad plan or task name, parameters of the wrong"
                    + " shape, a Puppet run or task option this PE release does not know, a non-numeric job id, or an"
                    + " illegal environment name.",
            "Check the plan or task name (module::name), the parameters, the options and the environment name named"
                    + " in PE's message; leave out options your PE release does not have.",
            "validation-error"),
    NOT_PERMITTED(
            Category.PERMISSION,
            "The PE user is not permitted to do this in the orchestrator.",
            "Give the PE user's role the permission named above (Access control » User roles » Permissions),"
                    + " including permission on the target nodes.",
            "not-permitted"),
    UNKNOWN_ENVIRONMENT(
            Category.NOT_FOUND,
            "The code environment does not exist on PE.",
            "Check the environment name, and deploy it with Code Manager first if its branch is new.",
            "unknown-environment"),
    UNKNOWN_PLAN(
            Category.NOT_FOUND,
            "The plan does not exist in that environment.",
            "Check the plan name (module::plan, or just module for its init plan) and that the module is in"
                    + " the environment's Puppetfile and deployed.",
            "unknown-plan"),
    UNKNOWN_TASK(
            Category.NOT_FOUND,
            "The task does not exist in that environment.",
            "Check the task name and that its module is deployed in the environment.",
            "unknown-task"),
    UNKNOWN_JOB(
            Category.NOT_FOUND,
            "The orchestrator has no job with that id.",
            "Check the job id. PE prunes jobs older than its job-prune-days-threshold (30 days by default);"
                    + " on a different PE installation or after a database restore the job is gone too.",
            "unknown-job"),
    MISMATCHED_JOB_EVENT_ID(
            Category.NOT_FOUND,
            "The event does not belong to that plan job.",
            "Check the plan job and event ids.",
            "mismatched-job-event-id"),
    UNKNOWN_TARGET(
            Category.NOT_FOUND,
            "The application or target of a Puppet run does not exist (older PE releases).",
            "Run Puppet on nodes, a PuppetDB query or a node group instead of an application target.",
            "unknown-target"),
    UNKNOWN_TASK_TARGET(
            Category.NOT_FOUND, "The task target does not exist.", "Check the task-target id.", "unknown-task-target"),
    QUERY_ERROR(
            Category.BAD_REQUEST,
            "A PuppetDB query parameter is invalid, or the PE user may not run PuppetDB queries.",
            "Check the query syntax (PQL), and give the user's role the 'Nodes: view node data from PuppetDB'"
                    + " permission.",
            "query-error"),
    PUPPETDB_ERROR(
            Category.BAD_REQUEST,
            "The orchestrator could not query PuppetDB.",
            "Check that PuppetDB is running and reachable from the primary server.",
            "puppetdb-error"),
    EMPTY_TARGET(
            Category.BAD_REQUEST,
            "The targets resolve to no nodes.",
            "Check the node names, query or node group; the nodes must be known to PuppetDB.",
            "empty-target"),
    EMPTY_ENVIRONMENT(
            Category.BAD_REQUEST,
            "The environment has no nodes or applications to run on.",
            "Classify nodes into the environment first.",
            "empty-environment"),
    DEPENDENCY_CYCLE(
            Category.BAD_REQUEST,
            "The application orchestration code has a dependency cycle.",
            "Fix the cycle in the Puppet code.",
            "dependency-cycle"),
    INVALID_TIME(
            Category.BAD_REQUEST, "A scheduled time is in the past.", "Choose a time in the future.", "invalid-time"),
    DISABLED_SCHEDULED_JOB(
            Category.BAD_REQUEST,
            "The scheduled job is disabled and cannot be edited.",
            "Enable it in the console first.",
            "disabled-scheduled-job"),
    EXECUTION_FAILURE(
            Category.RESULT,
            "A task could not run on a node.",
            "Read the node's message; check the node is connected (PXP agent running) and the task's"
                    + " requirements are met.",
            "execution-failure"),
    TASK_ERROR(
            Category.RESULT,
            "The task reported a failure on the node (for example a non-zero exit code).",
            "Read the task's output and error in the node's result; run the task by hand on that node to see why.",
            "task-error"),
    UNKNOWN_ERROR(
            Category.SERVER,
            "The orchestrator failed unexpectedly.",
            "Check the orchestrator log (/var/log/puppetlabs/orchestration-services/orchestration-services.log)"
                    + " and run the build again.",
            Namespace.ORCHESTRATOR,
            "unknown-error");

    /** What kind of problem a kind is; decides the exception class and whether it is retried. */
    public enum Category {
        CREDENTIALS,
        PERMISSION,
        NOT_FOUND,
        BAD_REQUEST,
        TRANSIENT,
        SERVER,
        /** Reported inside a result (a failed deploy, a node's result), not as an HTTP error. */
        RESULT
    }

    /** The namespace of the one service whose kind an entry is about. */
    private enum Namespace {
        RBAC("puppetlabs.rbac"),
        ORCHESTRATOR("puppetlabs.orchestrator");

        private final String wire;

        Namespace(String wire) {
            this.wire = wire;
        }
    }

    private static final Map<String, PeErrorKind> BY_NAME = new HashMap<>();

    static {
        for (PeErrorKind kind : values()) {
            for (String name : kind.names) {
                BY_NAME.put(name.toLowerCase(Locale.ROOT), kind);
            }
        }
    }

    private final Category category;
    private final String meaning;
    private final String fix;
    private final List<String> names;
    /** Null when the kind means the same in every service's namespace. */
    private final Namespace namespace;

    PeErrorKind(Category category, String meaning, String fix, String... names) {
        this(category, meaning, fix, null, names);
    }

    PeErrorKind(Category category, String meaning, String fix, Namespace namespace, String... names) {
        this.category = category;
        this.meaning = meaning;
        this.fix = fix;
        this.namespace = namespace;
        this.names = List.of(names);
    }

    /**
     * The known kind for a wire kind such as {@code puppetlabs.rbac/token-expired}, or null when
     * unknown or null. A kind about one service is not matched in another's namespace: Code
     * Manager's {@code unknown-error} is not "the orchestrator failed".
     */
    public static PeErrorKind of(String wireKind) {
        if (wireKind == null) {
            return null;
        }
        int slash = wireKind.lastIndexOf('/');
        String shortName = wireKind.substring(slash + 1).trim();
        PeErrorKind kind = BY_NAME.get(shortName.toLowerCase(Locale.ROOT));
        if (kind == null || kind.namespace == null || slash < 0) {
            return kind;
        }
        String wireNamespace = wireKind.substring(0, slash).trim();
        return kind.namespace.wire.equalsIgnoreCase(wireNamespace) ? kind : null;
    }

    public Category category() {
        return category;
    }

    /** One sentence: what PE is saying. */
    public String meaning() {
        return meaning;
    }

    /** One sentence: the likely fix. */
    public String fix() {
        return fix;
    }

    /** The only namespace this kind is matched in, such as {@code puppetlabs.rbac}; null for any. */
    String namespace() {
        return namespace == null ? null : namespace.wire;
    }

    /** The short kind names this entry covers (without namespace). */
    public List<String> names() {
        return names;
    }
}
