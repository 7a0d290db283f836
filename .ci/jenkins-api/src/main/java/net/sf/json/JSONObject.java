/*
 * Compile-only stand-in. Mirrors src/main/java/net/sf/json/JSONObject.java
 * from org.kohsuke.stapler:json-lib:2.4-jenkins-15 (the release jenkins-core 2.541.3 manages), read at jenkinsci/json-lib; declarations the plugin uses, bodies throw.
 * The real class extends AbstractJSON and implements JSON, Map and Comparable.
 */
package net.sf.json;
public final class JSONObject {
    public JSONObject() {
        throw new UnsupportedOperationException();
    }

    public boolean has(String key) {
        throw new UnsupportedOperationException();
    }
}
