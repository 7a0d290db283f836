/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/Queue.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 */
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

public class Queue {
    public Queue(@NonNull LoadBalancer loadBalancer) {
        throw new UnsupportedOperationException();
    }

    public interface Task {}
}
