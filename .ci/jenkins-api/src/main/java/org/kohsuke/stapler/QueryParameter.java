/*
 * Compile-only stand-in. Mirrors core/src/main/java/org/kohsuke/stapler/QueryParameter.java
 * from org.kohsuke.stapler:stapler:2050.v425108fd5089 (the release jenkins-core 2.541.3 uses), read at jenkinsci/stapler tag 2050.v425108fd5089; declarations the plugin uses, bodies throw.
 * The real annotation's meta-annotation that wires Stapler's handler class is left out.
 */
package org.kohsuke.stapler;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface QueryParameter {
    String value() default "";

    boolean required() default false;

    boolean fixEmpty() default false;
}
