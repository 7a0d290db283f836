package io.jenkins.plugins.puppetenterprise.client.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.puppetenterprise.client.LenientJson;
import java.util.List;

/**
 * A Code Manager deploy ({@code POST /code-manager/v1/deploys}): named environments or all of
 * them, and the options of pe-api.md 3.1. {@code waitForCompletion} is PE's {@code wait}; {@code deployModules} null means PE's default (true);
 * an empty {@code modules} list sends nothing.
 *
 * <p>{@code wait} asks Code Manager to answer only when the deploys finished. It is bounded by the
 * server's {@code timeouts_wait} (700 s by default) and by every proxy's idle timeout on the way,
 * so long deploys should be queued without {@code wait} and followed with
 * {@link CodeManagerClient#deployStatus(long)} (README, "Deploy waiting").
 */
public record DeployRequest(
        List<String> environments,
        boolean deployAll,
        boolean waitForCompletion,
        boolean dryRun,
        Boolean deployModules,
        List<String> modules) {

    public DeployRequest {
        environments = environments == null ? List.of() : List.copyOf(environments);
        modules = modules == null ? List.of() : List.copyOf(modules);
        if (deployAll && !environments.isEmpty()) {
            throw new IllegalArgumentException(
                    "Give either environments or deploy-all, not both: clear the environments to deploy all of them");
        }
        if (!deployAll && !dryRun && environments.isEmpty()) {
            throw new IllegalArgumentException(
                    "No environment to deploy: name at least one environment, or choose to deploy all");
        }
        for (String environment : environments) {
            if (environment == null || environment.isBlank()) {
                throw new IllegalArgumentException("An environment name is empty: remove it or fill it in");
            }
        }
    }

    /** Deploy these environments, queued, with PE's defaults for everything else. */
    public static DeployRequest of(List<String> environments) {
        return new DeployRequest(environments, false, false, false, null, List.of());
    }

    /** Deploy every environment of the control repository sources. */
    public static DeployRequest all() {
        return new DeployRequest(List.of(), true, false, false, null, List.of());
    }

    public DeployRequest withWait(boolean newWait) {
        return new DeployRequest(environments, deployAll, newWait, dryRun, deployModules, modules);
    }

    public DeployRequest withDryRun(boolean newDryRun) {
        return new DeployRequest(environments, deployAll, waitForCompletion, newDryRun, deployModules, modules);
    }

    public DeployRequest withDeployModules(Boolean newDeployModules) {
        return new DeployRequest(environments, deployAll, waitForCompletion, dryRun, newDeployModules, modules);
    }

    public DeployRequest withModules(List<String> newModules) {
        return new DeployRequest(environments, deployAll, waitForCompletion, dryRun, deployModules, newModules);
    }

    public ObjectNode toJson() {
        ObjectNode body = LenientJson.MAPPER.createObjectNode();
        if (deployAll) {
            body.put("deploy-all", true);
        } else if (!environments.isEmpty()) {
            environments.forEach(body.putArray("environments")::add);
        }
        if (waitForCompletion) {
            body.put("wait", true);
        }
        if (dryRun) {
            body.put("dry-run", true);
        }
        if (deployModules != null) {
            body.put("deploy-modules", deployModules);
        }
        if (!modules.isEmpty()) {
            body.put("modules", String.join(",", modules));
        }
        return body;
    }
}
