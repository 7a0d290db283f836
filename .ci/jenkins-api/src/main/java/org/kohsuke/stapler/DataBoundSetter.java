/*
 * Compile-only stand-in. Mirrors core/src/main/java/org/kohsuke/stapler/DataBoundSetter.java (stapler)
 * from org.kohsuke.stapler:stapler:2050.v425108fd5089 (the release jenkins-core 2.541.3 uses), read at jenkinsci/stapler tag 2050.v425108fd5089; declarations the plugin uses, bodies throw.
 */
package org.kohsuke.stapler;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Retention(RUNTIME)
@Target({METHOD, FIELD})
@Documented
public @interface DataBoundSetter {}
