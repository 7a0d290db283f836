package io.jenkins.plugins.puppetenterprise.jenkins.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.Extension;
import io.jenkins.plugins.puppetenterprise.core.plan.PlanParameterInput;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** A plan parameter written as JSON: a number, boolean, array, object, null or quoted string. */
public final class PlanJsonArgument extends PlanArgument {
    private static final ObjectMapper JSON = new ObjectMapper();

    @DataBoundConstructor
    public PlanJsonArgument(String name, String value) {
        super(name, value);
    }

    @Override
    public PlanParameterInput toInput() {
        String text = getValue() == null ? "" : getValue().trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(describeField()
                    + " has no JSON value: write one, for example 3, true, [\"a\",\"b\"] or {\"key\": \"value\"}");
        }
        try {
            return PlanParameterInput.plain(getName(), JSON.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            // the location only: the text itself may be a secret
            throw new IllegalArgumentException(describeField() + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()
                    + "): write it as JSON, or use value(...) for plain text");
        }
    }

    @Override
    public PlanArgument withValue(String newValue) {
        return new PlanJsonArgument(getName(), newValue);
    }

    @Extension
    @Symbol("json")
    public static final class DescriptorImpl extends PlanArgumentDescriptor {
        @Override
        public String getDisplayName() {
            return "JSON value";
        }
    }
}
