/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/XmlFile.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 */
package hudson;

import java.io.File;

public final class XmlFile {
    public XmlFile(File file) {
        throw new UnsupportedOperationException();
    }
}
