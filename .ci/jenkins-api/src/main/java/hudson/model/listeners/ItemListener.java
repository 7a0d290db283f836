/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/listeners/ItemListener.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package hudson.model.listeners;
import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Failure;
import hudson.model.Item;
import hudson.model.ItemGroup;

public class ItemListener implements ExtensionPoint {
    public void onCreated(Item item) {
        throw new UnsupportedOperationException();
    }

    public void onCheckCopy(Item src, ItemGroup parent) throws Failure {
        throw new UnsupportedOperationException();
    }

    public void onCopied(Item src, Item item) {
        throw new UnsupportedOperationException();
    }

    public void onLoaded() {
        throw new UnsupportedOperationException();
    }

    public void onCheckDelete(Item item) throws Failure, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void onDeleted(Item item) {
        throw new UnsupportedOperationException();
    }

    public void onRenamed(Item item, String oldName, String newName) {
        throw new UnsupportedOperationException();
    }

    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        throw new UnsupportedOperationException();
    }

    public void onUpdated(Item item) {
        throw new UnsupportedOperationException();
    }

    public void onBeforeShutdown() {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public void register() {
        throw new UnsupportedOperationException();
    }

    public static ExtensionList<ItemListener> all() {
        throw new UnsupportedOperationException();
    }

    public static void fireOnCopied(final Item src, final Item result) {
        throw new UnsupportedOperationException();
    }

    public static void checkBeforeCopy(final Item src, final ItemGroup parent) throws Failure {
        throw new UnsupportedOperationException();
    }

    public static void fireOnCreated(final Item item) {
        throw new UnsupportedOperationException();
    }

    public static void fireOnUpdated(final Item item) {
        throw new UnsupportedOperationException();
    }

    public static void checkBeforeDelete(Item item) throws Failure, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public static void fireOnDeleted(final Item item) {
        throw new UnsupportedOperationException();
    }

    public static void fireLocationChange(final Item rootItem, final String oldFullName) {
        throw new UnsupportedOperationException();
    }
}
