package io.jenkins.plugins.puppetenterprise.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Origins of credentials, the part of a sweep group that tells stores apart. */
class CredentialOriginTest {
    private static final String SYSTEM = "com.cloudbees.plugins.credentials.SystemCredentialsProvider$ProviderImpl";
    private static final String FOLDERS = "com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider";

    @Test
    void anOriginNamesTheStoresProviderAndContextAndTheId() {
        assertThat(CredentialOrigin.inStore(SYSTEM, "jenkins", "pe-token"))
                .isEqualTo("store " + SYSTEM.length() + ":" + SYSTEM + " 7:jenkins 8:pe-token");
        assertThat(CredentialOrigin.unlisted("pe-token")).isEqualTo("unlisted 8:pe-token");
    }

    @Test
    void oneIdInTwoStoresHasTwoOrigins() {
        assertThat(CredentialOrigin.inStore(FOLDERS, "team-a", "pe"))
                .isNotEqualTo(CredentialOrigin.inStore(FOLDERS, "team-b", "pe"))
                .isNotEqualTo(CredentialOrigin.inStore(SYSTEM, "team-a", "pe"))
                .isNotEqualTo(CredentialOrigin.unlisted("pe"));
    }

    @Test
    void namesCannotRunIntoEachOther() {
        assertThat(CredentialOrigin.inStore(FOLDERS, "team a", "pe"))
                .isNotEqualTo(CredentialOrigin.inStore(FOLDERS, "team", "a pe"));
        assertThat(CredentialOrigin.inStore(FOLDERS, "a 1:b", "c"))
                .isNotEqualTo(CredentialOrigin.inStore(FOLDERS, "a", "b 1:c"));
        assertThat(CredentialOrigin.unlisted("x 1:y 1:z"))
                .isNotEqualTo(CredentialOrigin.inStore("x", "y", "z"))
                .doesNotStartWith("store ");
    }
}
