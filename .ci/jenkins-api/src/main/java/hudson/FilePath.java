/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/FilePath.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 * The real class also implements jenkins.security.SerializableOnlyOverRemoting.
 */
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.File;

public final class FilePath {
    public FilePath(@NonNull File localPath) {
        throw new UnsupportedOperationException();
    }
}
