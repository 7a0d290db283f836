/*
 * Compile-only stand-in. Mirrors src/main/java/org/jvnet/hudson/annotation_indexer/Indexed.java
 * from org.jenkins-ci:annotation-indexer:1.18 (the release jenkins-core 2.541.3 manages), read at jenkinsci/lib-annotation-indexer tag annotation-indexer-1.18; declarations the plugin uses, bodies throw.
 * The real jar also registers an annotation processor; a stand-in needs none.
 */
package org.jvnet.hudson.annotation_indexer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface Indexed {}
