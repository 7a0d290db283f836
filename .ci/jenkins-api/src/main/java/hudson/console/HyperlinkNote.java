/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/console/HyperlinkNote.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * The real class extends ConsoleNote; only its static encoder is used.
 */
package hudson.console;
public class HyperlinkNote {
    public HyperlinkNote(String url, int length) {
        throw new UnsupportedOperationException();
    }

    public static String encodeTo(String url, String text) {
        throw new UnsupportedOperationException();
    }
}
