package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The logout members of client metadata: https (http on loopback), exact matching, refused mistakes. */
class LogoutMetadataTest {
    private static String client(String logoutMembers) {
        return "[{\"client_id\":\"rp\",\"fapi\":false,\"token_endpoint_auth_method\":\"client_secret_basic\","
                + "\"client_secret_sha256\":\"" + "ab".repeat(32) + "\",\"redirect_uris\":[\"https://rp.example/cb\"]"
                + (logoutMembers.isEmpty() ? "" : "," + logoutMembers) + "}]";
    }

    @Test
    void registeredLogoutMetadataIsRead() throws Exception {
        RegisteredClient rp = ClientRegistry.parse(client("\"post_logout_redirect_uris\":[\"https://rp.example/bye?x=1\","
                + "\"http://127.0.0.1:8080/bye\"],\"backchannel_logout_uri\":\"https://rp.example/bcl\","
                + "\"backchannel_logout_session_required\":true")).find("rp").orElseThrow();
        assertThat(rp.logout().postLogoutRedirectUris()).hasSize(2);
        assertThat(rp.logout().isRegisteredPostLogoutRedirectUri("https://rp.example/bye?x=1")).isTrue();
        assertThat(rp.logout().isRegisteredPostLogoutRedirectUri("https://rp.example/bye")).isFalse();
        assertThat(rp.logout().backchannelLogoutUri()).contains(URI.create("https://rp.example/bcl"));
        assertThat(rp.logout().backchannelLogoutSessionRequired()).isTrue();
        assertThat(ClientRegistry.parse(client("")).find("rp").orElseThrow().logout()).isEqualTo(LogoutMetadata.NONE);
    }

    @Test
    void mistakesAreRefusedAtLoad() {
        assertThatThrownBy(() -> ClientRegistry.parse(client("\"backchannel_logout_uri\":\"http://rp.example/bcl\"")))
                .isInstanceOf(ClientRegistryException.class).hasMessageContaining("backchannel_logout_uri");
        assertThatThrownBy(() -> ClientRegistry.parse(client("\"backchannel_logout_uri\":\"https://rp.example/bcl#f\"")))
                .hasMessageContaining("backchannel_logout_uri");
        assertThatThrownBy(() -> ClientRegistry.parse(client("\"backchannel_logout_uri\":\"/bcl\"")))
                .hasMessageContaining("backchannel_logout_uri");
        assertThatThrownBy(() -> ClientRegistry.parse(client("\"post_logout_redirect_uris\":[\"http://rp.example/bye\"]")))
                .hasMessageContaining("post_logout_redirect_uris");
        assertThatThrownBy(() -> ClientRegistry.parse(client("\"post_logout_redirect_uris\":\"https://rp.example/bye\"")))
                .hasMessageContaining("post_logout_redirect_uris must be an array");
        assertThatThrownBy(() -> ClientRegistry.parse(client("\"backchannel_logout_session_required\":true")))
                .hasMessageContaining("needs a backchannel_logout_uri");
        assertThatThrownBy(() -> ClientRegistry.parse(client("\"backchannel_logout_session_required\":\"yes\"")))
                .hasMessageContaining("true or false");
    }

    @Test
    void loopbackHttpIsForDevelopment() throws Exception {
        assertThat(ClientRegistry.parse(client("\"backchannel_logout_uri\":\"http://localhost:9000/bcl\"")).find("rp")
                .orElseThrow().logout().backchannelLogoutUri()).isPresent();
    }
}
