package io.jenkins.plugins.puppetenterprise.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.puppetenterprise.core.ParameterPreflight.Declared;
import io.jenkins.plugins.puppetenterprise.core.ParameterPreflight.Need;
import io.jenkins.plugins.puppetenterprise.core.input.InputProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The type judgement and the checks of {@link ParameterPreflight}, without PE. */
class ParameterPreflightTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "String",
                "String[1]",
                "String[1, 10]",
                "Integer",
                "Integer[0]",
                "Float",
                "Numeric",
                "Boolean",
                "Array",
                "Array[String]",
                "Array[String[1], 1]",
                "Hash",
                "Hash[String, Optional[String]]",
                "TargetSpec",
                "Boltlib::TargetSpec",
                "Enum[fast, slow]",
                "Enum['a, b', 'c']",
                "Pattern[/^[a-z,]+$/]",
                "Tuple[String, Integer]",
                "Struct[{name => String}]",
                "Sensitive",
                "Sensitive[String]",
                "Sensitive[String[1]]",
                "Sensitive[Array[String]]",
                "Variant[String, Integer]",
                "Variant[Pattern[/a,b/], Enum['x']]",
                "NotUndef",
                "NotUndef[MyModule::Port]",
                " String[1] "
            })
    void coreTypesThatNeverHoldUndefAreRequired(String type) {
        assertThat(ParameterPreflight.need(type)).isEqualTo(Need.REQUIRED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Optional[String]",
                "Optional[MyModule::Port]",
                "Optional",
                "Any",
                "Undef",
                "Data",
                "RichData",
                "Variant[String, Undef]",
                "Variant[MyModule::Port, Optional[String]]",
                "",
                "  "
            })
    void typesThatAcceptUndefAreOptional(String type) {
        assertThat(ParameterPreflight.need(type)).isEqualTo(Need.OPTIONAL);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "MyModule::Port",
                "Stdlib::Port",
                "Stdlib::Absolutepath",
                "Sensitive[MyModule::Secret]",
                "Sensitive[Optional[String]]",
                "Variant[String, MyModule::Port]",
                "Variant[]",
                "Variant[String, Integer",
                "Callable",
                "Init[Integer]",
                "string"
            })
    void aliasesAndTypesItDoesNotKnowCannotBeJudged(String type) {
        assertThat(ParameterPreflight.need(type)).isEqualTo(Need.CANNOT_JUDGE);
    }

    @Test
    void anUntypedParameterIsOptional() {
        assertThat(ParameterPreflight.need(null)).isEqualTo(Need.OPTIONAL);
    }

    private static final ParameterPreflight DEPLOY = new ParameterPreflight(
            "plan app::deploy",
            true,
            List.of(
                    new Declared("nodes", "TargetSpec", false),
                    new Declared("version", "String[1]", false),
                    new Declared("retries", "Integer", true),
                    new Declared("note", "Optional[String]", false),
                    new Declared("port", "MyModule::Port", false),
                    new Declared("stage", "MyModule::Stage", true),
                    new Declared("untyped", null, false)));

    @Test
    void everyGivenAndDefaultedParameterPasses() {
        ParameterPreflight.Findings findings = DEPLOY.check(List.of("nodes", "version", "port"));

        assertThat(findings.refuses()).isFalse();
        assertThat(findings.warnings()).isEmpty();
    }

    @Test
    void unknownNamesAndMissingRequiredOnesAreProblemsOfFieldParametersAndAliasesWarnings() {
        ParameterPreflight.Findings findings = DEPLOY.check(List.of("nodes", "verison"));

        assertThat(findings.problems()).extracting(InputProblem::field).containsOnly("parameters");
        assertThat(findings.problems())
                .extracting(InputProblem::message)
                .containsExactly(
                        "'verison' is not a parameter of plan app::deploy: its parameters are nodes, version, retries,"
                                + " note, port, stage, untyped; correct the name or remove it",
                        "'version' is required by plan app::deploy (type String[1], no default) but not given: add a"
                                + " value for version");
        assertThat(findings.warnings())
                .singleElement()
                .asString()
                .startsWith("Warning: parameters: 'port' of plan app::deploy is not given and has no default; its"
                        + " type MyModule::Port may or may not accept undef");
        assertThat(ParameterPreflight.refusal("Plan app::deploy", findings))
                .isEqualTo("Plan app::deploy was not started: its parameters do not match its metadata in PE."
                        + " parameters: " + findings.problems().get(0).message() + "; parameters: "
                        + findings.problems().get(1).message() + ".");
    }

    @Test
    void aPlanOrTaskDeclaringNoParametersRefusesAnyAndMetadataWithoutParametersChecksNothing() {
        ParameterPreflight none = new ParameterPreflight("task facts", true, List.of());
        assertThat(none.check(List.of("x")).problems())
                .extracting(InputProblem::message)
                .containsExactly("'x' is not a parameter of task facts: it takes no parameters; remove it");

        ParameterPreflight unknown = new ParameterPreflight("task legacy", false, List.of());
        assertThat(unknown.check(List.of("anything")).refuses()).isFalse();
        assertThat(unknown.check(List.of("anything")).warnings()).isEmpty();
    }
}
