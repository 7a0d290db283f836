/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/Item.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * Constants keep the real names and types; their stand-in values are never read.
 * The real interface also extends PersistenceRoot, SearchableModelObject, FullyNamed, Named and OnMaster.
 */
package hudson.model;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.model.FullyNamedModelObject;

public interface Item extends FullyNamedModelObject, AccessControlled {
    Permission CONFIGURE = null;

    Permission READ = null;

    Permission EXTENDED_READ = null;

    @NonNull
    String getFullName();
}
