package io.jenkins.plugins.puppetenterprise.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.puppetenterprise.core.access.AllowedFolders;
import io.jenkins.plugins.puppetenterprise.core.input.InstallationChoice;
import io.jenkins.plugins.puppetenterprise.core.input.InstallationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The Puppet Enterprise installations Jenkins knows, under "Manage Jenkins » System" and in JCasC
 * as {@code unclassified: puppetEnterprise:}. The first installation is the default.
 */
@Extension
@Symbol("puppetEnterprise")
public class PuppetEnterpriseConfiguration extends GlobalConfiguration {
    private ArrayList<PeInstallation> installations = new ArrayList<>();

    public PuppetEnterpriseConfiguration() {
        load();
    }

    /**
     * Also when the configuration is read from disk again (a Jenkins restarted in the same JVM, a
     * plugin that reloads it): clients of changed or removed installations retire.
     */
    @Override
    public synchronized void load() {
        super.load();
        InstallationClients.retainOnly(getInstallations());
    }

    public static PuppetEnterpriseConfiguration get() {
        return ExtensionList.lookupSingleton(PuppetEnterpriseConfiguration.class);
    }

    /** Titles the section on the System page (the default would be the class's simple name). */
    @NonNull
    @Override
    public String getDisplayName() {
        return "Puppet Enterprise";
    }

    public List<PeInstallation> getInstallations() {
        return List.copyOf(installations);
    }

    /**
     * Replaces the installations after checking every one (UI and JCasC alike).
     *
     * @throws IllegalArgumentException naming the installation, the setting and the fix; nothing is
     *     changed then
     */
    @DataBoundSetter
    public synchronized void setInstallations(List<PeInstallation> installations) {
        List<PeInstallation> checked = installations == null ? List.of() : List.copyOf(installations);
        validate(checked);
        this.installations = new ArrayList<>(checked);
        save();
        InstallationClients.retainOnly(checked);
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try {
            if (json.has("installations")) {
                req.bindJSON(this, json);
            } else {
                // the form leaves the list out once its last entry is deleted
                setInstallations(List.of());
            }
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "installations");
        }
        return true;
    }

    /**
     * Rewrites every installation's allowed folders after a folder moved or was deleted, and saves
     * when one changed. The service settings stay as they are, so no client is retired.
     */
    synchronized void updateAllowedFolders(UnaryOperator<AllowedFolders> change) {
        boolean changed = false;
        for (PeInstallation installation : installations) {
            AllowedFolders before = installation.allowedFolders();
            AllowedFolders after = change.apply(before);
            if (!after.equals(before)) {
                installation.setAllowedFolders(after.folders());
                changed = true;
            }
        }
        if (changed) {
            save();
        }
    }

    static void validate(List<PeInstallation> installations) {
        InstallationSettings.checkAll(
                installations.stream().map(PeInstallation::settings).toList());
    }

    /**
     * The installation a step or builder names, or the first one when it names none.
     *
     * @param name the installation's name, or null or blank for the default
     */
    // not find(String): Descriptor declares a static find(String), which an instance method cannot hide
    Optional<PeInstallation> installation(String name) {
        String wanted = FieldText.trimToNull(name);
        if (wanted == null) {
            return installations.stream().findFirst();
        }
        return installations.stream().filter(i -> wanted.equals(i.getName())).findFirst();
    }

    /**
     * Like {@link #installation} but failing with the words a build log needs.
     *
     * @throws io.jenkins.plugins.puppetenterprise.core.input.InvalidInputException naming {@code server}
     *     when no installation matches
     */
    PeInstallation require(String name) {
        return InstallationChoice.installation(installations, PeInstallation::getName, name);
    }

    /**
     * The installation names for the {@code server} dropdown of steps and build steps: those the job
     * may use (see {@link PeExecution#installationFor}); a current value it may not use stays, marked.
     */
    ListBoxModel serverItems(Item job, String current) {
        ListBoxModel model = new ListBoxModel();
        model.add("(default: the first installation)", "");
        for (PeInstallation installation : installations) {
            if (PeExecution.mayUse(job, installation)) {
                model.add(installation.getName());
            }
        }
        String wanted = FieldText.trimToNull(current);
        if (wanted != null) {
            Optional<PeInstallation> chosen = installation(wanted);
            if (chosen.isEmpty()) {
                model.add(wanted + " (not configured)", wanted);
            } else if (!PeExecution.mayUse(job, chosen.get())) {
                model.add(wanted + " (not allowed for this job)", wanted);
            }
        }
        return model;
    }
}
