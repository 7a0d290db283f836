/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/security/Permission.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * The real constructors take PermissionGroup and Localizable, which lie outside this stand-in; the
 * private constructor here only keeps the class uninstantiable and callable by nobody.
 */
package hudson.security;
public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException();
    }
}
