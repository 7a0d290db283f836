package io.jenkins.plugins.puppetenterprise.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * The views are part of the security surface and the form binding: every jelly file is XML that
 * escapes by default and has no inline script; every field a config.jelly binds has a getter, a way
 * to be set, and a help file.
 */
class ViewResourcesTest {
    private static final String ESCAPE_BY_DEFAULT = "<?jelly escape-by-default='true'?>";

    @Test
    void everyJellyIsXmlThatEscapesByDefault() throws Exception {
        List<Path> jellies = GlueSources.files(GlueSources.resources(), ".jelly");
        assertThat(jellies).hasSizeGreaterThan(5);
        for (Path jelly : jellies) {
            String text = Files.readString(jelly);
            assertThat(text)
                    .as("%s must start with %s", jelly, ESCAPE_BY_DEFAULT)
                    .startsWith(ESCAPE_BY_DEFAULT);
            parse(jelly);
        }
    }

    @Test
    void noViewHasInlineScript() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path view : views()) {
            String text = Files.readString(view);
            if (view.toString().endsWith(".jelly")) {
                collectScriptProblems(parse(view).getDocumentElement(), view, problems);
            } else if (text.toLowerCase(Locale.ROOT).contains("<script")
                    || text.matches("(?is).*<[^>]*\\son[a-z]+\\s*=.*")
                    || text.toLowerCase(Locale.ROOT).contains("javascript:")) {
                problems.add(view + ": script, event handler or javascript: URL");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyBoundFieldHasAGetterASetterAndHelp() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path config : GlueSources.files(GlueSources.glueViews(), "config.jelly")) {
            Class<?> type = GlueSources.classOfView(config);
            for (String field : boundFields(parse(config).getDocumentElement())) {
                checked++;
                if (getter(type, field) == null) {
                    problems.add(type.getSimpleName() + "." + field + ": no public getter");
                }
                if (!settable(type, field)) {
                    problems.add(type.getSimpleName() + "." + field
                            + ": neither a @DataBoundSetter nor a @DataBoundConstructor");
                }
                if (helpFile(helpSource(type), field) == null) {
                    problems.add(type.getSimpleName() + "." + field + ": no help-" + field + ".html");
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    /** A setting with a setter but missing from the form could be set only through JCasC, and is lost on save. */
    @Test
    void everyInstallationSettingIsInTheFormAndInTheDocs() throws Exception {
        Path config = GlueSources.glueViews().resolve("PeInstallation/config.jelly");
        Set<String> bound = boundFields(parse(config).getDocumentElement());
        String docs = Files.readString(GlueSources.projectRoot().resolve("docs/configuration.md"));
        List<String> settings = setterProperties(PeInstallation.class);

        assertThat(settings).contains("maxAnswerMegabytes", "requestsPerSecond");
        assertThat(bound).as("fields of PeInstallation/config.jelly").containsAll(settings);
        for (String setting : settings) {
            assertThat(docs).as("docs/configuration.md names the JCasC key").contains(setting);
        }
    }

    @Test
    void theChecksRecogniseWhatTheyForbid() throws Exception {
        Path bad = Files.createTempFile("bad", ".jelly");
        Files.writeString(
                bad,
                ESCAPE_BY_DEFAULT + "<j:jelly xmlns:j='jelly:core' xmlns:f='/lib/form'><script>alert(1)</script>"
                        + "<a href='#' onclick='x()'>x</a><f:entry field='nothing'/></j:jelly>");
        List<String> problems = new ArrayList<>();
        Element root = parse(bad).getDocumentElement();
        collectScriptProblems(root, bad, problems);
        assertThat(problems).hasSize(2);
        assertThat(boundFields(root)).containsExactly("nothing");
        assertThat(getter(PeInstallation.class, "nothing")).isNull();
        Files.delete(bad);
    }

    private static List<String> setterProperties(Class<?> type) {
        List<String> properties = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                String name = method.getName().substring("set".length());
                properties.add(Character.toLowerCase(name.charAt(0)) + name.substring(1));
            }
        }
        return properties;
    }

    private static List<Path> views() {
        List<Path> views = new ArrayList<>(GlueSources.files(GlueSources.resources(), ".jelly"));
        views.addAll(GlueSources.files(GlueSources.resources(), ".html"));
        return views;
    }

    private static Document parse(Path jelly) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        try {
            return builder.parse(jelly.toFile());
        } catch (org.xml.sax.SAXException e) {
            throw new AssertionError(jelly + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static void collectScriptProblems(Element element, Path file, List<String> problems) {
        if (element.getLocalName().equalsIgnoreCase("script")) {
            problems.add(file + ": <script> element");
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String name = attribute.getName().toLowerCase(Locale.ROOT);
            if (name.startsWith("on") && name.length() > 2) {
                problems.add(file + ": inline event handler " + attribute.getName());
            }
            if (attribute.getValue().trim().toLowerCase(Locale.ROOT).startsWith("javascript:")) {
                problems.add(file + ": javascript: URL");
            }
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                collectScriptProblems(child, file, problems);
            }
        }
    }

    private static Set<String> boundFields(Element element) {
        Set<String> fields = new LinkedHashSet<>();
        if (element.hasAttribute("field")) {
            fields.add(element.getAttribute("field"));
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                fields.addAll(boundFields(child));
            }
        }
        return fields;
    }

    private static Method getter(Class<?> type, String field) {
        String suffix = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (String name : List.of("get" + suffix, "is" + suffix)) {
            try {
                Method method = type.getMethod(name);
                if (Modifier.isPublic(method.getModifiers())) {
                    return method;
                }
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        return null;
    }

    private static boolean settable(Class<?> type, String field) {
        String setter = "set" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (Method method : type.getMethods()) {
            if (method.getName().equals(setter) && method.isAnnotationPresent(DataBoundSetter.class)) {
                return true;
            }
        }
        for (var constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (var parameter : constructor.getParameters()) {
                    // without compiled-in parameter names any constructor parameter may be this field
                    if (!parameter.isNamePresent() || parameter.getName().equals(field)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Builders share their step's help files (their descriptors point there). */
    private static Class<?> helpSource(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "CodeDeployBuilder" -> GlueSources.load("CodeDeployStep");
            case "PlanRunBuilder" -> GlueSources.load("PlanRunStep");
            case "PuppetRunBuilder" -> GlueSources.load("PuppetRunStep");
            case "PuppetTaskBuilder" -> GlueSources.load("PuppetTaskStep");
            default -> type;
        };
    }

    /** The help file of a field, looked up in the class and its superclasses as Jenkins does. */
    private static Path helpFile(Class<?> type, String field) throws IOException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Path help = GlueSources.resources()
                    .resolve(c.getName().replace('.', '/'))
                    .resolve("help-" + field + ".html");
            if (Files.isRegularFile(help)) {
                return help;
            }
        }
        return null;
    }
}
