/*
 * Compile-only stand-in. Mirrors src/main/java/org/jenkinsci/plugins/structs/describable/UninstantiatedDescribable.java
 * from org.jenkins-ci.plugins:structs:362.va_b_695ef4fdf9, read at jenkinsci/structs-plugin tag 362.va_b_695ef4fdf9; only the type is declared (real package, kind, type parameters), as it appears in the signatures of completed stand-in types; bodies throw.
 */
package org.jenkinsci.plugins.structs.describable;

import java.io.Serializable;
import java.util.Map;

public class UninstantiatedDescribable implements Serializable {
    public UninstantiatedDescribable(Map<String, ?> arguments) {
        throw new UnsupportedOperationException();
    }
}
