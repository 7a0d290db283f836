package io.jenkins.plugins.puppetenterprise.core;

import io.jenkins.plugins.puppetenterprise.client.PeError;
import io.jenkins.plugins.puppetenterprise.client.PeErrorKind;
import io.jenkins.plugins.puppetenterprise.client.plan.PlanEvent;

/** The build-log words for plan events and plan failures (pe-api.md 4.6). */
final class PlanEventLines {
    private PlanEventLines() {}

    static String line(PlanEvent event) {
        String type = event.type() == null ? "" : event.type();
        return switch (type) {
            case "out_message" -> "[plan] " + nullToEmpty(event.message());
            case "plan_start" -> "[plan] Sub-plan " + event.plan() + " started";
            case "plan_end" ->
                "[plan] Sub-plan " + event.plan() + " finished"
                        + (event.details() != null && event.details().hasNonNull("duration")
                                ? " in " + event.details().get("duration").asText() + " s"
                                : "");
            case "plan_finished" -> "[plan] Plan finished";
            case "plan_failed" -> "[plan] Plan failed: " + reason(PlainJson.error(event.result()));
            case "task_start" -> "[plan] Task started (job " + event.jobId() + ")";
            case "command_start" -> "[plan] Command started (job " + event.jobId() + ")";
            case "script_start" -> "[plan] Script started (job " + event.jobId() + ")";
            case "upload_start" -> "[plan] File upload started (job " + event.jobId() + ")";
            case "apply_start" -> "[plan] Apply started (job " + event.jobId() + ")";
            case "apply_prep_start" -> "[plan] Apply preparation started (job " + event.jobId() + ")";
            case "wait_start" -> "[plan] Waiting for targets to be available (job " + event.jobId() + ")";
            default -> "[plan] Event " + type;
        };
    }

    /** A failure in words: PE's message, its kind, and the meaning of a kind PE documents. */
    static String reason(PeError error) {
        if (error == null) {
            return "PE gave no reason; see the plan job in the PE console.";
        }
        String msg = error.msg() == null ? "" : error.msg().strip().replaceAll("\\s+", " ");
        StringBuilder s = new StringBuilder(msg.isEmpty() ? "no message" : msg);
        if (error.kind() != null) {
            s.append(" (").append(error.kind()).append(')');
        }
        PeErrorKind known = error.knownKind();
        if (known != null) {
            s.append(". ").append(known.meaning()).append(' ').append(known.fix());
        } else if (!s.toString().endsWith(".")) {
            s.append('.');
        }
        return s.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
