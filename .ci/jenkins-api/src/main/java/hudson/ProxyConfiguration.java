/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/ProxyConfiguration.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; declarations the plugin uses, bodies throw.
 * The real class also implements Describable, Saveable and Serializable.
 */
package hudson;
import hudson.util.Secret;
import java.net.http.HttpClient;
import org.kohsuke.stapler.DataBoundConstructor;

public final class ProxyConfiguration {
    @DataBoundConstructor
    public ProxyConfiguration(String name, int port) {
        throw new UnsupportedOperationException();
    }

    public String getUserName() {
        throw new UnsupportedOperationException();
    }

    public Secret getSecretPassword() {
        throw new UnsupportedOperationException();
    }

    public int getPort() {
        throw new UnsupportedOperationException();
    }

    public String getName() {
        throw new UnsupportedOperationException();
    }

    public String getNoProxyHost() {
        throw new UnsupportedOperationException();
    }

    public static HttpClient.Builder newHttpClientBuilder() {
        throw new UnsupportedOperationException();
    }
}
