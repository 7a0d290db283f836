/*
 * Compile-only stand-in. Mirrors src/main/java/org/jenkinsci/Symbol.java
 * from org.jenkins-ci:symbol-annotation:1.25 (the release jenkins-core 2.541.3 manages; structs 362.va_b_695ef4fdf9 depends on it), read at jenkinsci/lib-symbol-annotation tag symbol-annotation-1.25; declarations the plugin uses, bodies throw.
 */
package org.jenkinsci;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jvnet.hudson.annotation_indexer.Indexed;

@Indexed
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
