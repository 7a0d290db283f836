/*
 * Compile-only stand-in. Mirrors core/src/main/java/hudson/model/Descriptor.java
 * from org.jenkins-ci.main:jenkins-core:2.541.3, read at jenkinsci/jenkins tag jenkins-2.541.3; complete: every public and protected member (static and nested ones too) and the real supertypes, bodies throw.
 */
package hudson.model;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.PluginWrapper;
import hudson.XmlFile;
import hudson.security.Permission;
import hudson.util.FormValidation.CheckMethod;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URL;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import jenkins.model.GlobalConfigurationCategory;
import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.lang.Klass;

public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
    public final transient Class<? extends T> clazz = null;

    public static final class PropertyType {
        public final Class clazz = null;

        public final Type type = null;

        public final String displayName = null;
        PropertyType(Class clazz, Type type, String displayName) {
            throw new UnsupportedOperationException();
        }

        public Enum[] getEnumConstants() {
            throw new UnsupportedOperationException();
        }

        public Class getItemType() {
            throw new UnsupportedOperationException();
        }

        public Descriptor getItemTypeDescriptor() {
            throw new UnsupportedOperationException();
        }

        public Descriptor getItemTypeDescriptorOrDie() {
            throw new UnsupportedOperationException();
        }

        public List<? extends Descriptor> getApplicableDescriptors() {
            throw new UnsupportedOperationException();
        }

        public List<? extends Descriptor> getApplicableItemDescriptors() {
            throw new UnsupportedOperationException();
        }
    }

    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException();
    }

    protected Descriptor() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public String getId() {
        throw new UnsupportedOperationException();
    }

    public Class<T> getT() {
        throw new UnsupportedOperationException();
    }

    public String getDescriptorUrl() {
        throw new UnsupportedOperationException();
    }

    public final String getDescriptorFullUrl() {
        throw new UnsupportedOperationException();
    }

    public static String getCurrentDescriptorByNameUrl() {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public String getCheckUrl(String fieldName) {
        throw new UnsupportedOperationException();
    }

    public CheckMethod getCheckMethod(String fieldName) {
        throw new UnsupportedOperationException();
    }

    public void calcFillSettings(String field, Map<String, Object> attributes) {
        throw new UnsupportedOperationException();
    }

    public void calcAutoCompleteSettings(String field, Map<String, Object> attributes) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public PropertyType getPropertyType(@NonNull Object instance, @NonNull String field) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public PropertyType getPropertyTypeOrDie(@NonNull Object instance, @NonNull String field) {
        throw new UnsupportedOperationException();
    }

    public PropertyType getPropertyType(String field) {
        throw new UnsupportedOperationException();
    }

    public PropertyType getGlobalPropertyType(String field) {
        throw new UnsupportedOperationException();
    }

    public final String getJsonSafeClassName() {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public T newInstance(StaplerRequest req) throws FormException {
        throw new UnsupportedOperationException();
    }

    public T newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public T newInstance(@Nullable StaplerRequest req, @NonNull JSONObject formData) throws FormException {
        throw new UnsupportedOperationException();
    }

    public static <T> T bindJSON(StaplerRequest2 req, Class<T> type, JSONObject src) {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public static <T> T bindJSON(StaplerRequest req, Class<T> type, JSONObject src) {
        throw new UnsupportedOperationException();
    }

    public Klass<?> getKlass() {
        throw new UnsupportedOperationException();
    }

    public String getHelpFile() {
        throw new UnsupportedOperationException();
    }

    public String getHelpFile(final String fieldName) {
        throw new UnsupportedOperationException();
    }

    public String getHelpFile(Klass<?> clazz, String fieldName) {
        throw new UnsupportedOperationException();
    }

    protected void addHelpFileRedirect(String fieldName, Class<? extends Describable> owner, String fieldNameToRedirectTo) {
        throw new UnsupportedOperationException();
    }

    public final boolean isInstance(T instance) {
        throw new UnsupportedOperationException();
    }

    public final boolean isSubTypeOf(Class type) {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public boolean configure(StaplerRequest req) throws FormException {
        throw new UnsupportedOperationException();
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public boolean configure(StaplerRequest req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException();
    }

    public String getConfigPage() {
        throw new UnsupportedOperationException();
    }

    public String getGlobalConfigPage() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public GlobalConfigurationCategory getCategory() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public Permission getRequiredGlobalConfigPagePermission() {
        throw new UnsupportedOperationException();
    }

    protected final String getViewPage(Class<?> clazz, String pageName) {
        throw new UnsupportedOperationException();
    }

    protected List<String> getPossibleViewNames(String baseName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void save() {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void load() {
        throw new UnsupportedOperationException();
    }

    protected XmlFile getConfigFile() {
        throw new UnsupportedOperationException();
    }

    protected PluginWrapper getPlugin() {
        throw new UnsupportedOperationException();
    }

    public void doHelp(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public void doHelp(StaplerRequest req, StaplerResponse rsp) throws IOException, javax.servlet.ServletException {
        throw new UnsupportedOperationException();
    }

    public static URL getStaticHelpUrl(StaplerRequest2 req, Klass<?> c, String suffix) {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public static URL getStaticHelpUrl(StaplerRequest req, Klass<?> c, String suffix) {
        throw new UnsupportedOperationException();
    }

    public static <T> T[] toArray(T... values) {
        throw new UnsupportedOperationException();
    }

    public static <T> List<T> toList(T... values) {
        throw new UnsupportedOperationException();
    }

    public static <T extends Describable<T>> Map<Descriptor<T>, T> toMap(Iterable<T> describables) {
        throw new UnsupportedOperationException();
    }

    public static <T extends Describable<T>> List<T> newInstancesFromHeteroList(StaplerRequest2 req, JSONObject formData, String key, Collection<? extends Descriptor<T>> descriptors) throws FormException {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public static <T extends Describable<T>> List<T> newInstancesFromHeteroList(StaplerRequest req, JSONObject formData, String key, Collection<? extends Descriptor<T>> descriptors) throws FormException {
        throw new UnsupportedOperationException();
    }

    public static <T extends Describable<T>> List<T> newInstancesFromHeteroList(StaplerRequest2 req, Object formData, Collection<? extends Descriptor<T>> descriptors) throws FormException {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public static <T extends Describable<T>> List<T> newInstancesFromHeteroList(StaplerRequest req, Object formData, Collection<? extends Descriptor<T>> descriptors) throws FormException {
        throw new UnsupportedOperationException();
    }

    public static @CheckForNull <T extends Descriptor> T findById(Collection<? extends T> list, String id) {
        throw new UnsupportedOperationException();
    }

    public static @CheckForNull <T extends Descriptor> T findByDescribableClassName(Collection<? extends T> list, String className) {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public static @CheckForNull <T extends Descriptor> T find(Collection<? extends T> list, String string) {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    public static @CheckForNull Descriptor find(String className) {
        throw new UnsupportedOperationException();
    }

    public static final class FormException extends Exception implements HttpResponse {
        public FormException(String message, String formField) {
            throw new UnsupportedOperationException();
        }

        public FormException(String message, Throwable cause, String formField) {
            throw new UnsupportedOperationException();
        }

        public FormException(Throwable cause, String formField) {
            throw new UnsupportedOperationException();
        }

        public String getFormField() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException, ServletException {
            throw new UnsupportedOperationException();
        }
    }

    public static final class Self {
    }

    protected static Class self() {
        throw new UnsupportedOperationException();
    }
}
