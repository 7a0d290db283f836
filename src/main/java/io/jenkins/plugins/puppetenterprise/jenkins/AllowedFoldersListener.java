package io.jenkins.plugins.puppetenterprise.jenkins;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.listeners.ItemListener;

/**
 * Keeps the installations' allowed folders pointing at the same folders: an entry follows a folder
 * that is renamed or moved, and is dropped when the folder is deleted, so a folder created later
 * under the freed name is not trusted.
 */
@Extension
public final class AllowedFoldersListener extends ItemListener {
    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        PuppetEnterpriseConfiguration.get().updateAllowedFolders(folders -> folders.moved(oldFullName, newFullName));
    }

    @Override
    public void onDeleted(Item item) {
        String fullName = item.getFullName();
        PuppetEnterpriseConfiguration.get().updateAllowedFolders(folders -> folders.deleted(fullName));
    }
}
