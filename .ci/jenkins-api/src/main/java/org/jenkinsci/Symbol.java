/*
 * Compile-only stand-in. Mirrors annotation/src/main/java/org/jenkinsci/Symbol.java (structs-plugin)
 * from org.jenkins-ci:symbol-annotation, as required by org.jenkins-ci.plugins:structs:362.va_b_695ef4fdf9; declarations the plugin uses, bodies throw.
 */
package org.jenkinsci;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Retention(RUNTIME)
@Target({TYPE})
@Documented
public @interface Symbol {
    String[] value();
}
