package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The Puppet Enterprise installations Jenkins knows, under "Manage Jenkins » System" and in JCasC
 * as {@code unclassified: puppetEnterprise:}. The first installation is the default.
 */
@Extension
@Symbol("puppetEnterprise")
public class PuppetEnterpriseConfiguration extends GlobalConfiguration {
    private List<PeInstallation> installations = new ArrayList<>();

    public PuppetEnterpriseConfiguration() {
        load();
    }

    public static PuppetEnterpriseConfiguration get() {
        return ExtensionList.lookupSingleton(PuppetEnterpriseConfiguration.class);
    }

    public List<PeInstallation> getInstallations() {
        return List.copyOf(installations);
    }

    @DataBoundSetter
    public void setInstallations(List<PeInstallation> installations) {
        this.installations = installations == null ? new ArrayList<>() : new ArrayList<>(installations);
        save();
    }

    /**
     * The installation a step or builder names, or the first one when it names none.
     *
     * @param name the installation's name, or null or blank for the default
     */
    public Optional<PeInstallation> find(String name) {
        if (name == null || name.isBlank()) {
            return installations.stream().findFirst();
        }
        return installations.stream()
                .filter(i -> name.trim().equals(i.getName()))
                .findFirst();
    }
}
